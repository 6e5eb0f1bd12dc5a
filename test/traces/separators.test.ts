/**
 * faasim reads comma-separated CSV. A header with no comma that splits on ';' or a tab into column
 * names faasim knows is a file exported with another separator: the refusal says so and how to
 * convert it, instead of "no timestamp column" over a header that plainly has one.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

const write = (name: string, text: string): string => {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
};

describe('a header separated by semicolons or tabs', () => {
  test('semicolons, per-request and count traces', async () => {
    for (const text of [
      'timestamp;function;duration_ms\n2024-01-01T00:00:00Z;a;5\n',
      'timestamp;count\n2024-01-01T00:00:00Z;5\n',
    ]) {
      const file = write('semi.csv', text);
      const r = await cli(['simulate', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `faasim: ${file}:1: the header looks semicolon-separated; faasim reads comma-separated CSV: export it again with commas, or convert it with tr ';' ',' < semi.csv > semi-comma.csv (when no field holds a comma)\n`,
      );
    }
  });

  test('tabs', async () => {
    const file = write('tab.tsv', 'timestamp\tfunction\tduration_ms\n2024-01-01T00:00:00Z\ta\t5\n');
    const r = await cli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${file}:1: the header looks tab-separated; faasim reads comma-separated CSV: export it again with commas, or convert it with tr '\\t' ',' < tab.tsv > tab-comma.csv (when no field holds a comma)\n`,
    );
  });

  test('names faasim does not know, or a comma in the header: the message as before', async () => {
    const file = write('other.csv', 'time;fn\n1;a\n');
    const r = await cli(['simulate', file]);
    expect(r.stderr).toBe(
      `faasim: ${file}:1: no "timestamp" column in the header (time;fn); name it timestamp or map it with --columns timestamp=NAME\n`,
    );
    const mixed = write('mixed.csv', 'when,function;duration_ms\n1,a;5\n');
    expect((await cli(['simulate', mixed])).stderr).toMatch(
      /no "timestamp" column in the header \(when, function;duration_ms\)/,
    );
  });
});
