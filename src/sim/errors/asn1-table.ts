/**
 * The com_err table `asn1` of MIT krb5 1.20.1 (`src/lib/krb5/error_tables/asn1_err.et`).
 * The Kerberos library's DER encoder and decoder.
 *
 * Entries are symbolic name and message in code order from the table's base; the texts are
 * MIT's byte for byte, as `error_message` returns them.
 *
 * @module
 */

import { defineErrorTable } from './error-table.js';

/** The `asn1` table: 14 codes from its base. */
export const asn1ErrorTable = defineErrorTable('asn1', [
  ['ASN1_BAD_TIMEFORMAT', 'ASN.1 failed call to system time library'],
  ['ASN1_MISSING_FIELD', 'ASN.1 structure is missing a required field'],
  ['ASN1_MISPLACED_FIELD', 'ASN.1 unexpected field number'],
  ['ASN1_TYPE_MISMATCH', 'ASN.1 type numbers are inconsistent'],
  ['ASN1_OVERFLOW', 'ASN.1 value too large'],
  ['ASN1_OVERRUN', 'ASN.1 encoding ended unexpectedly'],
  ['ASN1_BAD_ID', "ASN.1 identifier doesn't match expected value"],
  ['ASN1_BAD_LENGTH', "ASN.1 length doesn't match expected value"],
  ['ASN1_BAD_FORMAT', 'ASN.1 badly-formatted encoding'],
  ['ASN1_PARSE_ERROR', 'ASN.1 parse error'],
  ['ASN1_BAD_GMTIME', 'ASN.1 bad return from gmtime'],
  ['ASN1_INDEF', 'ASN.1 indefinite encoding'],
  ['ASN1_MISSING_EOC', 'ASN.1 missing expected EOC'],
  ['ASN1_OMITTED', 'ASN.1 object omitted in sequence'],
]);
