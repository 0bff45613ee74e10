/** Assertions on the GssErrors of the DER decoder, and a small DER builder for test inputs. */
import { expect } from 'vitest';
import type { Asn1ErrorName } from '../../../../src/sim/asn1/asn1-error.js';
import { code, errorMessage } from '../../../../src/sim/errors/index.js';
import { GssError } from '../../../../src/spec/errors.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';

/** Asserts that `run` throws MIT's error `name`: GSS_S_FAILURE, its code and its text. */
export function expectAsn1Error(run: () => unknown, name: Asn1ErrorName): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GssError);
  if (!(thrown instanceof GssError)) return;
  expect({ major: thrown.major, minor: thrown.minor, texts: thrown.minorMessages }).toEqual({
    major: GSS_S_FAILURE,
    minor: code(name),
    texts: [errorMessage(code(name))],
  });
}

/** A TLV with a one-octet tag and a minimal length, from its contents' parts. */
export function tlv(tag: number, ...parts: (Uint8Array | readonly number[])[]): number[] {
  const contents = parts.flatMap((part) => [...part]);
  const length = contents.length;
  const lengthOctets =
    length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return [tag, ...lengthOctets, ...contents];
}

/** `[n] EXPLICIT` around parts. */
export const ctx = (n: number, ...parts: (Uint8Array | readonly number[])[]): number[] =>
  tlv(0xa0 | n, ...parts);

/** SEQUENCE of parts. */
export const seq = (...parts: (Uint8Array | readonly number[])[]): number[] => tlv(0x30, ...parts);

/** An INTEGER from its contents octets. */
export const int = (...octets: number[]): number[] => tlv(0x02, octets);

/** Bytes from number arrays. */
export const bytesOf = (...parts: (readonly number[])[]): Uint8Array =>
  Uint8Array.from(parts.flat());
