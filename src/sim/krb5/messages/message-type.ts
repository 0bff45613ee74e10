/**
 * The msg-type numbers of RFC 4120 §7.5.7, which are also the messages' APPLICATION tags.
 *
 * @module
 */

/** msg-type values and APPLICATION tag numbers. */
export const MessageType = {
  /** KRB_AS_REQ. */
  asReq: 10,
  /** KRB_AS_REP. */
  asRep: 11,
  /** KRB_TGS_REQ. */
  tgsReq: 12,
  /** KRB_TGS_REP. */
  tgsRep: 13,
  /** KRB_AP_REQ. */
  apReq: 14,
  /** KRB_AP_REP. */
  apRep: 15,
  /** KRB_SAFE. */
  safe: 20,
  /** KRB_PRIV. */
  priv: 21,
  /** KRB_CRED. */
  cred: 22,
  /** KRB_ERROR. */
  error: 30,
} as const;

/** The APPLICATION tags of the encrypted parts and other inner types (RFC 4120 §5). */
export const ApplicationTag = {
  ticket: 1,
  authenticator: 2,
  encTicketPart: 3,
  encAsRepPart: 25,
  encTgsRepPart: 26,
  encApRepPart: 27,
  encKrbPrivPart: 28,
  encKrbCredPart: 29,
} as const;
