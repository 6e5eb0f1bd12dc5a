/**
 * Issue 12 §3: rendering a report is linear in its rows. A scenario with 500 per-function settings
 * made the configuration table's one 500-line cell take minutes to wrap (cli-table3); each function
 * is now a row of its own. Before the fix this test hit the 120 s test timeout.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir } from '../helpers/trace.js';

test('500 functions with their own settings: every one on its own line of the configuration table', async () => {
  const dir = tempDir();
  const rows = ['timestamp,function,duration_ms'];
  const functions: Record<string, { memoryMb: number }> = {};
  for (let i = 0; i < 500; i++) {
    rows.push(`${new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()},fn${i},100`);
    functions[`fn${i}`] = { memoryMb: 256 + (i % 4) * 128 };
  }
  writeFileSync(join(dir, 't.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 's.json'), JSON.stringify({ trace: 't.csv', functions }));
  const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
  expect(r.code).toBe(0);
  const perFunction = r.stdout.split('\n').filter((l) => /^│ (per function)? +│ fn\d+: /.test(l));
  expect(perFunction).toHaveLength(500);
  expect(perFunction[0]).toMatch(/^│ per function +│ fn0: 256 MB +│$/);
  expect(perFunction[499]).toMatch(/^│ +│ fn499: 640 MB +│$/);
});
