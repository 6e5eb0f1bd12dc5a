/**
 * --time-unit says how to read numeric timestamps. On a trace whose timestamps are ISO 8601 it would
 * do nothing: refused, as other options that do not apply are, naming the first row's timestamp.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

const write = (name: string, text: string): string => {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
};

describe('--time-unit on ISO timestamps', () => {
  test('per-request trace: refused at the first row', async () => {
    const file = write('tiny.csv', 'timestamp,duration_ms\n2024-01-01T00:00:00Z,5\n2024-01-01T00:00:01Z,5\n');
    const r = await cli(['simulate', file, '--time-unit', 's']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${file}:2: column 1 (timestamp): --time-unit s says how to read numeric timestamps; this trace's are ISO 8601 ("2024-01-01T00:00:00Z"): drop --time-unit\n`,
    );
  });

  test('count trace: refused too', async () => {
    const file = write('counts.csv', 'timestamp,count\n2024-01-01T00:00:00Z,5\n');
    const r = await cli(['simulate', file, '--time-unit', 'ms', '--duration', '100ms']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${file}:2: column 1 (timestamp): --time-unit ms says how to read numeric timestamps; this trace's are ISO 8601 ("2024-01-01T00:00:00Z"): drop --time-unit\n`,
    );
  });

  test('numeric timestamps: --time-unit is read as before', async () => {
    const file = write('num.csv', 'timestamp,duration_ms\n0,5\n1,5\n');
    const r = await cli(['simulate', file, '--time-unit', 's', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).trace.spanMs).toBe(1000);
  });
});
