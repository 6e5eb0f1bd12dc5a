/** An unknown scenario key suggests the known key it resembles (case, or at most 2 edits). */
import { expect, test } from 'vitest';
import { closestKey, editDistance } from '../../src/util/suggest.js';
import { cli } from '../helpers/cli.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

test('edit distance: insertions, deletions, substitutions and a swap of neighbours each cost 1', () => {
  expect(editDistance('memory', 'memory')).toBe(0);
  expect(editDistance('memroy', 'memory')).toBe(1); // r and o swapped
  expect(editDistance('keepAlive', 'keepAlve')).toBe(1); // i deleted
  expect(editDistance('seed', 'sped')).toBe(1); // s-e-e-d vs s-p-e-d: one substitution
  expect(editDistance('seed', 'spade')).toBe(3); // e→p, e→a, d→d kept, e added
  expect(editDistance('abc', '')).toBe(3);
});

test('closestKey: case first, then the fewest edits, nothing for a word like none of them', () => {
  const keys = ['memoryMb', 'memory', 'keepAlive', 'seed', 'trace'];
  expect(closestKey('memoryMB', keys)).toBe('memoryMb');
  expect(closestKey('keepAlve', keys)).toBe('keepAlive');
  expect(closestKey('trcae', keys)).toBe('trace');
  expect(closestKey('bogus', keys)).toBeUndefined();
  // 2 edits on a 3-letter word is most of it: no guess
  expect(closestKey('sxx', ['seed', 'sex'])).toBe('sex');
  expect(closestKey('ab', ['xy'])).toBeUndefined();
});

const TRACE = 'timestamp,duration_ms\n1767225600000,100\n';

test('simulate --scenario: memoryMB → did you mean "memoryMb"?', async () => {
  const dir = tempDir();
  writeTemp('trace.csv', TRACE, dir);
  const s = writeTemp('s.json', JSON.stringify({ trace: 'trace.csv', memoryMB: 512 }), dir);
  const r = await cli(['simulate', '--scenario', s]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown key "memoryMB" in scenario; did you mean "memoryMb"?');
});

test('a function setting: functions.api.memoryMB suggests memoryMb too; a key like nothing gets no guess', async () => {
  const dir = tempDir();
  writeTemp('trace.csv', TRACE, dir);
  const s = writeTemp(
    's.json',
    JSON.stringify({ trace: 'trace.csv', functions: { api: { memoryMB: 512 } } }),
    dir,
  );
  const r = await cli(['simulate', '--scenario', s]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown key "memoryMB" in scenario; did you mean "memoryMb"?');
  const b = writeTemp('b.json', JSON.stringify({ trace: 'trace.csv', zzzzzz: 1 }), dir);
  const rb = await cli(['simulate', '--scenario', b]);
  expect(rb.stderr).toContain('unknown key "zzzzzz" in scenario\n');
});

test("faasim validate: the suggestion at the key's line and column", async () => {
  const dir = tempDir();
  const s = writeTemp('v.json', '{\n  "memoryMB": 512\n}\n', dir);
  const r = await cli(['validate', s]);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`${s}:2:3: memoryMB: unknown key "memoryMB"; did you mean "memoryMb"?`);
});
