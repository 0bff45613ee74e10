/**
 * The AES S-box and round tables (FIPS-197 §4 and §5), computed when the module loads: the
 * S-box is the multiplicative inverse in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 followed by the
 * affine map of §5.1.1; the four encryption tables hold SubBytes and MixColumns of one byte in
 * each of the four rotations, the four decryption tables InvSubBytes and InvMixColumns (the
 * equivalent inverse cipher of §5.3.5).
 *
 * @module
 */

/** Multiplication by x (that is, 2) in GF(2^8) modulo the AES polynomial. */
export function xtime(value: number): number {
  return ((value << 1) ^ (value & 0x80 ? 0x11b : 0)) & 0xff;
}

/** Multiplication in GF(2^8) modulo the AES polynomial (FIPS-197 §4.2), shift and add. */
function multiply(a: number, b: number): number {
  let product = 0;
  let factor = a;
  for (let bits = b; bits !== 0; bits >>>= 1) {
    if (bits & 1) product ^= factor;
    factor = xtime(factor);
  }
  return product;
}

/** The S-box (SubBytes) and its inverse. */
export const SBOX = new Uint8Array(256);
export const INV_SBOX = new Uint8Array(256);
/** SubBytes then MixColumns of a byte in row 0, 1, 2, 3 of a column. */
export const ENC0 = new Int32Array(256);
export const ENC1 = new Int32Array(256);
export const ENC2 = new Int32Array(256);
export const ENC3 = new Int32Array(256);
/** InvSubBytes then InvMixColumns of a byte in row 0, 1, 2, 3 of a column. */
export const DEC0 = new Int32Array(256);
export const DEC1 = new Int32Array(256);
export const DEC2 = new Int32Array(256);
export const DEC3 = new Int32Array(256);

/** Rotates a 32-bit word right by 8 bits. */
function rotr8(word: number): number {
  return (word >>> 8) | (word << 24);
}

{
  // Powers and logarithms of the generator 3 give the inverses: inv(3^i) = 3^(255 - i).
  const power = new Uint8Array(256);
  const log = new Uint8Array(256);
  let value = 1;
  for (let exponent = 0; exponent < 255; exponent++) {
    power[exponent] = value;
    log[value] = exponent;
    value = multiply(value, 3);
  }
  for (let byte = 0; byte < 256; byte++) {
    const inverse = byte === 0 ? 0 : (power[(255 - (log[byte] ?? 0)) % 255] ?? 0);
    // The affine map b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63 (§5.1.1).
    let affine = inverse;
    for (let shift = 1; shift <= 4; shift++) {
      affine ^= ((inverse << shift) | (inverse >>> (8 - shift))) & 0xff;
    }
    affine ^= 0x63;
    SBOX[byte] = affine;
    INV_SBOX[affine] = byte;
  }
  for (let byte = 0; byte < 256; byte++) {
    // A column with this byte in row 0, through SubBytes and MixColumns: 2s, s, s, 3s.
    const s = SBOX[byte] ?? 0;
    const enc = (multiply(s, 2) << 24) | (s << 16) | (s << 8) | multiply(s, 3);
    ENC0[byte] = enc;
    ENC1[byte] = rotr8(enc);
    ENC2[byte] = rotr8(rotr8(enc));
    ENC3[byte] = rotr8(rotr8(rotr8(enc)));
    // Through InvSubBytes and InvMixColumns: 14s', 9s', 13s', 11s'.
    const u = INV_SBOX[byte] ?? 0;
    const dec =
      (multiply(u, 14) << 24) | (multiply(u, 9) << 16) | (multiply(u, 13) << 8) | multiply(u, 11);
    DEC0[byte] = dec;
    DEC1[byte] = rotr8(dec);
    DEC2[byte] = rotr8(rotr8(dec));
    DEC3[byte] = rotr8(rotr8(rotr8(dec)));
  }
}

/** SubWord (FIPS-197 §5.2): the S-box on each byte of a word. */
export function subWord(word: number): number {
  return (
    ((SBOX[word >>> 24] ?? 0) << 24) |
    ((SBOX[(word >>> 16) & 0xff] ?? 0) << 16) |
    ((SBOX[(word >>> 8) & 0xff] ?? 0) << 8) |
    (SBOX[word & 0xff] ?? 0)
  );
}

/** InvMixColumns on one column (the decryption tables undo the S-box applied first). */
export function invMixColumn(word: number): number {
  return (
    (DEC0[SBOX[word >>> 24] ?? 0] ?? 0) ^
    (DEC1[SBOX[(word >>> 16) & 0xff] ?? 0] ?? 0) ^
    (DEC2[SBOX[(word >>> 8) & 0xff] ?? 0] ?? 0) ^
    (DEC3[SBOX[word & 0xff] ?? 0] ?? 0)
  );
}
