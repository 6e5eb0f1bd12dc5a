/**
 * Logs arrive through pipes (`aws logs tail GROUP | faasim simulate -`): every importer reads the
 * trace source read.ts opened, so a stream's first bytes, taken to tell the format, are not lost, and
 * a stream gives the same requests as the file it came from.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../../src/pricing/dir.js';
import { cli } from '../../helpers/cli.js';
import { FIXTURES } from './helpers.js';

const main = join(packageRoot(), 'dist/src/cli/main.js');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
}

describe('importers on standard input', () => {
  for (const name of [
    'tail_embr_2023.txt',
    'lambda_json_embr_2023.log',
    'logs_insights_console_embr_2023.csv',
    'logs_insights_getqueryresults_embr_2023.json',
  ]) {
    test(`${name} piped on - gives the same requests and bill as the file`, async () => {
      const path = `${FIXTURES}aws-lambda/${name}`;
      const fromFile = await cli(['simulate', path, '--format', 'json', '--function-name', 'embr']);
      const piped = run(
        ['simulate', '-', '--format', 'json', '--function-name', 'embr'],
        readFileSync(path, 'utf8'),
      );
      expect(piped.stderr).toBe('');
      expect(piped.status).toBe(0);
      const a = JSON.parse(fromFile.stdout) as {
        trace: { requests: number; input: { format: string } };
        outcomes: unknown;
        cost: unknown;
        functions: unknown;
      };
      const b = JSON.parse(piped.stdout) as typeof a;
      expect(b.trace.input.format).toBe(a.trace.input.format);
      expect(b.trace.requests).toBe(a.trace.requests);
      expect(b.trace.requests).toBeGreaterThan(0);
      expect(a.outcomes).toBeDefined();
      expect(b.outcomes).toEqual(a.outcomes);
      expect(b.cost).toEqual(a.cost);
      expect(b.functions).toEqual(a.functions);
    });
  }

  test('a REPORT log with a line over 1 MiB is refused with its line, not held in memory', () => {
    const r = run(
      ['simulate', '-', '--input-format', 'cloudwatch-report'],
      `2023-12-04T21:44:52.381Z START RequestId: x\n${'x'.repeat(3 << 20)}`,
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/-:2: line 2 is longer than 1,048,576 bytes/);
    expect(r.stdout).toBe('');
  });
});

describe('CSV-only flags and the importers', () => {
  test('--columns on a file that sniffs as Azure 2021 reads it as faasim CSV, as the user mapped it', () => {
    const az = run(
      [
        'simulate',
        '-',
        '--format',
        'json',
        '--columns',
        'timestamp=end_timestamp,function=func,duration=duration',
        '--duration-unit',
        's',
        '--timestamp-is',
        'end',
      ],
      'app,func,end_timestamp,duration\na,f,1772366400.5,0.25\na,f,1772366401.2,0.2\n',
    );
    expect(az.stderr).toBe('');
    const j = JSON.parse(az.stdout) as { trace: { requests: number; timestamps: string; input?: unknown } };
    expect(j.trace.requests).toBe(2);
    expect(j.trace.input).toBeUndefined();
    expect(j.trace.timestamps).toMatch(/--timestamp-is end/);
  });

  test('--time-unit with --input-format cloudwatch-report is an error naming both, not ignored', async () => {
    // a file, not standard input: in-process like the other CLI tests
    const r = await cli([
      'simulate',
      `${FIXTURES}aws-lambda/tail_embr_2023.txt`,
      '--input-format',
      'cloudwatch-report',
      '--time-unit',
      'ms',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--time-unit applies to faasim's CSV, not to --input-format cloudwatch-report/);
    expect(r.stdout).toBe('');
  });
});
