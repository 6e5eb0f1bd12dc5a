/** Function counts in reports are grouped like every other count (en-US: 1,200, not 1200). */
import { expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { writeTemp } from '../helpers/trace.js';

// 1,200 functions, one request each, a second apart
const rows = Array.from({ length: 1200 }, (_, i) => `${1767225600000 + i * 1000},f${i},10`);
const trace = writeTemp('many.csv', `timestamp,function,duration_ms\n${rows.join('\n')}\n`);

test('simulate: the trace table counts 1,200 functions with a separator', async () => {
  const r = await cli(['simulate', trace, '--memory', '128']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/│ functions +│ 1,200 +│/);
});

test('simulate --provider all: the trace table counts 1,200 functions with a separator', async () => {
  const r = await cli(['simulate', trace, '--provider', 'all']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/│ functions +│ 1,200 +│/);
});

test('sweep: the trace line counts 1,200 functions with a separator', async () => {
  const r = await cli(['sweep', trace, '--memory', '128,256', '--workers', '1']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('1,200 requests');
  expect(r.stdout).toMatch(/, 1,200 functions/);
});
