/** ParkedRequests: the struct of arrays the wait queue and the async retries park requests in. */
import { describe, expect, test } from 'vitest';
import { ParkedRequests } from '../../src/model/parked-requests.js';

describe('ParkedRequests', () => {
  test('ids are handed out in order and every column keeps what was parked', () => {
    const p = new ParkedRequests();
    expect(p.park(3, 8, 100, 250, NaN, 512, 40, 1)).toBe(0);
    expect(p.park(7, 0, 110, 90, 300, NaN, NaN, 2)).toBe(1);
    expect([p.fn[1], p.flags[1], p.arrivalMs[1], p.runMs[1], p.initMs[1], p.tag[1], p.next[1]]).toEqual([
      7, 0, 110, 90, 300, 2, -1,
    ]);
    expect([p.fn[0], p.flags[0], p.memoryUsedMb[0], p.cpuMs[0]]).toEqual([3, 8, 512, 40]);
    expect(p.initMs[0]).toBeNaN();
    expect(p.timer[0]).toBeNaN();
    expect(p.size).toBe(2);
  });

  test('a released id is reused (last released first) and its columns are overwritten', () => {
    const p = new ParkedRequests();
    for (let i = 0; i < 4; i++) p.park(i, 0, i * 10, 1, NaN, NaN, NaN, 0);
    p.release(1);
    p.release(3);
    expect(p.size).toBe(2);
    // the columns of a released id stay readable until it is parked again
    expect(p.fn[3]).toBe(3);
    expect(p.park(9, 4, 999, 2, NaN, NaN, NaN, 5)).toBe(3);
    expect(p.park(8, 4, 998, 2, NaN, NaN, NaN, 5)).toBe(1);
    expect(p.park(7, 4, 997, 2, NaN, NaN, NaN, 5)).toBe(4);
    expect([p.fn[3], p.arrivalMs[3], p.tag[3], p.fn[1], p.fn[4]]).toEqual([9, 999, 5, 8, 7]);
    expect(p.size).toBe(5);
  });

  test('the columns grow to the most parked at once and no further', () => {
    const p = new ParkedRequests();
    for (let round = 0; round < 3; round++) {
      const ids: number[] = [];
      for (let i = 0; i < 10_000; i++) ids.push(p.park(i, 0, round * 1e6 + i, 1, NaN, NaN, NaN, round));
      expect(p.size).toBe(10_000);
      // every request is the one parked under its id
      expect(ids.every((id, i) => p.arrivalMs[id] === round * 1e6 + i)).toBe(true);
      for (const id of ids) p.release(id);
    }
    expect(p.fn.length).toBe(10_000);
    expect(p.size).toBe(0);
  });
});
