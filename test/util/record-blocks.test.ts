/**
 * RecordBlocks: records of `stride` numbers in blocks of 1,024 records that are never copied (issue
 * 12 §3). Worked by hand around the first block boundary (records 1,023 and 1,024).
 */
import { describe, expect, test } from 'vitest';
import { RECORD_BLOCK_BITS, RecordBlocks, recordOffset } from '../../src/util/record-blocks.js';

describe('RecordBlocks', () => {
  test('record 1,024 opens the second block at offset 0; every record made starts as `fresh`', () => {
    expect(1 << RECORD_BLOCK_BITS).toBe(1024);
    const r = new RecordBlocks(3, { 1: NaN });
    const b = r.block(1024);
    expect(r.count).toBe(1025);
    expect(r.blocks.length).toBe(2);
    expect(recordOffset(1024, 3)).toBe(0);
    // record 1,023 is the first block's last: offset 1,023 × 3 = 3,069
    expect(recordOffset(1023, 3)).toBe(3069);
    b[recordOffset(1024, 3) + 2] = 7;
    expect(r.get(1024, 2)).toBe(7);
    expect([r.get(5, 0), r.get(5, 1), r.get(5, 2)]).toEqual([0, NaN, 0]);
    // the block a record lives in does not change as records are added after it
    expect(r.block(3000)).not.toBe(b);
    expect(r.block(1024)).toBe(b);
  });

  test('toArray puts record i at i × stride; put copies a record in', () => {
    const r = new RecordBlocks(2);
    r.extend(1030);
    r.put(1029, Float64Array.of(0, 0, 5, 6), 2);
    r.put(3, Float64Array.of(1, 2), 0);
    const a = r.toArray();
    expect(a.length).toBe(2060);
    expect([a[6], a[7], a[2058], a[2059]]).toEqual([1, 2, 5, 6]);
    expect(a.reduce((s, x) => s + x, 0)).toBe(14);
  });
});
