/**
 * CRC-32 (the zlib polynomial) of a byte range, continued from `previous`: the trace cache's integrity
 * check. Node ≥ 20.15 has it in zlib (native, several GB/s); an older Node gets a table-driven
 * JavaScript fallback with the same results.
 */
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, previous?: number) => number;

let table: Uint32Array | undefined;

function crc32Js(data: Uint8Array, previous = 0): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  const t = table;
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

const native = (zlib as { crc32?: Crc32 }).crc32;

export const crc32: Crc32 = typeof native === 'function' ? native : crc32Js;
/** exported for the test that proves the fallback gives zlib's results */
export const crc32Fallback: Crc32 = crc32Js;
