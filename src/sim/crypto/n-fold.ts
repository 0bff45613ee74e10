/**
 * n-fold (RFC 3961 §5.1): stretches or shrinks an octet string to n bits, used to turn key
 * derivation constants into one cipher block.
 *
 * @module
 */

/**
 * n-fold of `input` to `outputLength` octets (RFC 3961 §5.1): the input is repeated until its
 * length is the least common multiple of both lengths, each repetition rotated 13 bits further
 * to the right, and the result is cut into `outputLength`-octet pieces that are added with
 * ones'-complement (end-around carry) addition.
 *
 * @param input the octets to fold; at least one.
 * @param outputLength n / 8, the output length in octets; at least one.
 * @throws {RangeError} when either length is zero.
 */
export function nFold(input: Uint8Array, outputLength: number): Uint8Array {
  if (input.length === 0) throw new RangeError('n-fold input must hold at least one octet');
  if (!Number.isInteger(outputLength) || outputLength < 1) {
    throw new RangeError(`n-fold output length must be a positive integer, got ${outputLength}`);
  }

  const total = lcm(input.length, outputLength);
  const sums = new Array<number>(outputLength).fill(0);
  for (let k = 0; k < total; k += 1) {
    const copy = Math.floor(k / input.length);
    const index = k % outputLength;
    sums[index] = (sums[index] ?? 0) + rotatedOctet(input, copy * 13, k % input.length);
  }

  return endAroundCarry(sums);
}

/** Octet `j` of `input` rotated right by `bits` bits. */
function rotatedOctet(input: Uint8Array, bits: number, j: number): number {
  const width = input.length * 8;
  const start = (((j * 8 - bits) % width) + width) % width;
  const first = input[Math.floor(start / 8)] ?? 0;
  const second = input[(Math.floor(start / 8) + 1) % input.length] ?? 0;
  const shift = start % 8;

  return (((first << 8) | second) >> (8 - shift)) & 0xff;
}

/** Reduces column sums (most significant first) to octets, adding carries back at the end. */
function endAroundCarry(sums: number[]): Uint8Array {
  let carry = 0;
  do {
    for (let i = sums.length - 1; i >= 0; i -= 1) {
      const value = (sums[i] ?? 0) + carry;
      sums[i] = value & 0xff;
      carry = value >>> 8;
    }
  } while (carry !== 0);

  return Uint8Array.from(sums);
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];

  return (a / x) * b;
}
