/**
 * README "What faasim refuses, and why": the table's rows for the refusals added with the CSV header,
 * --time-unit, count-trace, merge and --cache checks quote the message the CLI prints, word for word
 * (run here in a folder holding the files the rows name, so the names match).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

const README = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
/** the README's refusal table, unescaped as a reader sees it */
const TABLE = README.slice(
  README.indexOf('## What faasim refuses, and why'),
  README.indexOf('## Every provider'),
)
  .split('\n')
  .filter((l) => l.startsWith('| '))
  .join('\n');

describe("the README's refusal table quotes the CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    const put = (name: string, text: string): void => writeFileSync(join(dir, name), text);
    put('semi.csv', 'timestamp;function;duration_ms\n2024-01-01T00:00:00Z;a;5\n');
    put('t.csv', 'timestamp,function,duration_ms\n2024-01-01T00:00:00Z,a,5\n');
    put(
      'counts.csv',
      'timestamp,count,duration_ms\n2024-01-01T00:00:00Z,5,100\n2024-01-01T00:01:00Z,5,100\n',
    );
    put(
      's.csv',
      'timestamp,function,duration_ms\n2024-01-01T00:00:00Z,a,50\n2024-01-01T00:00:01Z,b,60\n2024-01-01T00:00:02Z,a,70\n',
    );
    for (const i of [1, 2]) {
      const sweep = await cli(
        ['sweep', 's.csv', '--memory', '128,256,512', '--shard', `${i}/2`, '--format', 'json'],
        {
          cwd: dir,
        },
      );
      put(`sw-${i}.json`, sweep.stdout);
      const sim = await cli(
        ['simulate', 's.csv', '--rng-streams', 'function', '--shard', `${i}/2`, '--format', 'json'],
        {
          cwd: dir,
        },
      );
      put(`sim-${i}.json`, sim.stdout);
    }
    // shard 2/2 of the sweep holds point 1; simulate shard 2/2 runs function b
    const sw = JSON.parse(readFileSync(join(dir, 'sw-2.json'), 'utf8'));
    delete sw.points[0].result.cost;
    put('sw-2.json', JSON.stringify(sw));
    const sim = JSON.parse(readFileSync(join(dir, 'sim-2.json'), 'utf8'));
    sim.run.metrics = {};
    put('sim-2.json', JSON.stringify(sim));
  });

  const CASES: [string, string[]][] = [
    ['semicolon-separated header', ['simulate', 'semi.csv']],
    ['--time-unit on ISO 8601 timestamps', ['simulate', 't.csv', '--time-unit', 'ms']],
    ['count trace with duration_ms and no --duration', ['simulate', 'counts.csv']],
    ['merge: a sweep point without a field', ['merge', 'sw-1.json', 'sw-2.json']],
    ['merge: a simulate shard without metrics', ['merge', 'sim-1.json', 'sim-2.json']],
    ['--cache folder that cannot be created', ['simulate', 't.csv', '--cache', '/proc/x']],
  ];
  for (const [name, args] of CASES) {
    test(name, async () => {
      if (args.includes('/proc/x') && process.platform !== 'linux') return;
      const r = await cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      const message = r.stderr.replace(/^faasim: /, '').trimEnd();
      expect(message).not.toContain('\n');
      expect(TABLE).toContain(`\`${message}\``);
    });
  }
});
