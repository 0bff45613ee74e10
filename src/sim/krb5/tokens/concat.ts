/**
 * Joining octet strings, for the checksummed and encrypted inputs of RFC 4121 tokens.
 *
 * @module
 */

/**
 * The octet strings one after the other, in a new array.
 *
 * @param parts the octet strings.
 */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;

  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
