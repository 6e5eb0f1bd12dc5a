/**
 * --format markdown: the bundled example as a pull-request comment (golden, through the built CLI),
 * and cells that stay cells whatever a function is called. A missing golden fails; it is written
 * only with UPDATE_GOLDEN=1 (then review the diff).
 */
import { describe, expect, test } from 'vitest';
import { mdCell, mdTable } from '../../src/report/render/markdown-cell.js';
import { cli } from '../helpers/cli.js';
import { checkGolden } from '../helpers/golden.js';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';

const golden = checkGolden;

describe('--format markdown', () => {
  const tmp = useTempDir();

  test('scenarios/example.json (golden)', async () => {
    const r = await cli(['simulate', '--scenario', 'scenarios/example.json', '--format', 'markdown']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    golden('example.md', r.stdout);
  });

  test('a function name with |, markup, a line feed and ESC stays one cell of plain text', async () => {
    const name = 'a|b *c* `d` <e>\\f';
    const trace = tmp.file(
      't.csv',
      `timestamp,function,duration_ms\n2024-01-01T00:00:00Z,"${name}\n\x1b[31m",100\n2024-01-01T00:00:01Z,plain,100\n`,
    );
    const r = await runIn(['simulate', trace, '--format', 'markdown', '--init', '100ms']);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('| a'));
    expect(row).toBe(
      '| a\\|b \\*c\\* \\`d\\` \\<e\\>\\\\f\\\\x0a\\\\x1b\\[31m | 128 MB | 1 | 100.00% | 0 | 200 ms |',
    );
    // six cells: the | in the name does not make a seventh
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(8);
  });

  test('mdCell and mdTable', async () => {
    expect(mdCell('x$1 & @team #3 ~y~ _z_ [l](u)')).toBe('x\\$1 \\& \\@team \\#3 \\~y\\~ \\_z\\_ \\[l\\](u)');
    expect(mdTable(['a', 'b'], ['l', 'r'], [['1', '']])).toBe('| a | b |\n|---|---:|\n| 1 |   |');
  });

  test('sweep, keep-warm compare and platforms side by side have a Markdown table too', async () => {
    const sweep = await runIn([
      'sweep',
      '--scenario',
      'scenarios/example.json',
      '--memory',
      '256,1024',
      '--duration-model',
      'cpu-share:0.8',
      '--measured-at',
      '512',
      '--workers',
      '1',
      '--format',
      'markdown',
    ]);
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).toMatch(/^### faasim sweep\n/);
    expect(sweep.stdout).toContain(
      '| point | monthly cost | per 1M requests | cold-start rate | throttles | p99 | Pareto | pick |',
    );
    const platforms = await runIn([
      'simulate',
      '--scenario',
      'scenarios/example.json',
      '--provider',
      'aws-lambda,cloudflare-workers',
      '--format',
      'markdown',
    ]);
    expect(platforms.code).toBe(0);
    expect(platforms.stdout).toContain('| platform | monthly cost |');
    // the same figures as simulate on one platform (the example runs on arm64)
    expect(platforms.stdout).toContain('| AWS Lambda | $12.89 | $6.36 | 0.41% | 0 | 2,546 ms |');
    const kw = await runIn([
      'compare',
      '--scenario',
      'scenarios/keep-warm.json',
      '--no-break-even',
      '--format',
      'markdown',
    ]);
    expect(kw.code).toBe(0);
    expect(kw.stdout).toContain('| none (cheapest) | $12.89 | $6.36 | 0.41% | 0 | 2,546 ms |');
  });
});
