import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IOVBufferType } from '../../src/spec/flags.js';
import { IOV } from '../../src/spec/iov.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('IOV', () => {
  it('surrounds the buffers with an allocated header, padding and trailer by default', () => {
    const iov = new IOV([bytes('abc')]);

    expect(iov.types).toEqual([
      IOVBufferType.header,
      IOVBufferType.data,
      IOVBufferType.padding,
      IOVBufferType.trailer,
    ]);
    expect([...iov].map((entry) => entry.allocate)).toEqual([true, false, true, true]);
    expect(iov.at(1)?.value).toEqual(bytes('abc'));
  });

  it('leaves the layout alone without stdLayout and allocates nothing without autoAlloc', () => {
    const iov = new IOV([IOVBufferType.header, bytes('x'), IOVBufferType.trailer], {
      stdLayout: false,
      autoAlloc: false,
    });

    expect(iov.types).toEqual([IOVBufferType.header, IOVBufferType.data, IOVBufferType.trailer]);
    expect([...iov].every((entry) => entry.allocate === false)).toBe(true);
  });

  it('reads two-entry tuples as allocate for header/padding/trailer and as a value otherwise', () => {
    const iov = new IOV(
      [
        [IOVBufferType.header, false],
        [IOVBufferType.signOnly, bytes('aad')],
        [IOVBufferType.data, true, bytes('d')],
        { type: IOVBufferType.trailer, allocate: null, value: null },
      ],
      { stdLayout: false },
    );

    expect([...iov]).toEqual([
      { type: IOVBufferType.header, allocate: false, value: null },
      { type: IOVBufferType.signOnly, allocate: false, value: bytes('aad') },
      { type: IOVBufferType.data, allocate: true, value: bytes('d') },
      { type: IOVBufferType.trailer, allocate: null, value: null },
    ]);
  });

  it('copies values in, so a caller changing its array does not change the IOV', () => {
    const data = bytes('secret');
    const iov = new IOV([data]);
    data.fill(0);

    expect(iov.at(1)?.value).toEqual(bytes('secret'));
  });

  it('fills a buffer in place and marks it allocated when the mechanism allocated it', () => {
    const iov = new IOV([bytes('abc')]);
    iov.fill(0, Uint8Array.of(5, 4), { allocated: true });
    iov.fill(1, Uint8Array.of(9, 9, 9), { allocated: false });

    expect(iov.at(0)).toEqual({
      type: IOVBufferType.header,
      allocate: null,
      value: Uint8Array.of(5, 4),
    });
    expect(iov.at(1)).toEqual({
      type: IOVBufferType.data,
      allocate: false,
      value: Uint8Array.of(9, 9, 9),
    });
    expect(() => iov.fill(4, Uint8Array.of(), { allocated: false })).toThrow(RangeError);
  });

  it('keeps any number of data buffers in order between header and padding', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 8 }), (chunks) => {
        const iov = new IOV(chunks);

        expect(iov.length).toBe(chunks.length + 3);
        chunks.forEach((chunk, index) => {
          expect(iov.at(index + 1)?.value).toEqual(chunk);
        });
      }),
    );
  });

  it('rejects unknown buffer types and malformed descriptions', () => {
    expect(() => new IOV([4 as IOVBufferType])).toThrow(RangeError);
    expect(() => new IOV([[IOVBufferType.data] as never])).toThrow(TypeError);
    expect(() => new IOV(['text' as never])).toThrow(TypeError);
    expect(() => new IOV([[IOVBufferType.header, 'yes'] as never])).toThrow(TypeError);
  });

  it('describes itself without printing buffer contents', () => {
    const iov = new IOV([bytes('password')]);

    expect(String(Reflect.get(iov, Symbol.for('nodejs.util.inspect.custom'))?.call(iov))).toBe(
      'IOV[header(null, allocate), data(8 B), padding(null, allocate), trailer(null, allocate)]',
    );
  });
});
