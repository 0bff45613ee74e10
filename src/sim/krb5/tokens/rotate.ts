/**
 * The right rotation of RFC 4121 §4.2.5: a Wrap token's data after the header is rotated right
 * by RRC octets; the receiver rotates it back left by RRC modulo the data length, as MIT's
 * `gss_krb5int_rotate_left` does.
 *
 * @module
 */

/**
 * `data` rotated left by `count` octets modulo its length, as a new array (the input is never
 * changed). Empty data and a count that is a multiple of the length (RRC 0, the usual case)
 * move nothing: `data` itself is returned, so read the result only.
 *
 * @param data the octets after the token header.
 * @param count the rotation count (RRC).
 */
export function rotateLeft(data: Uint8Array, count: number): Uint8Array {
  if (data.length === 0 || count % data.length === 0) return data;
  const result = new Uint8Array(data.length);
  const shift = count % data.length;

  result.set(data.subarray(shift));
  result.set(data.subarray(0, shift), data.length - shift);
  return result;
}
