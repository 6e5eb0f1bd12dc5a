/**
 * --html FILE: the page is written, stdout stays byte for byte what it was (the goldens), and the
 * page's #faasim-data is the object --format json prints. The browser tests (test/browser/) check
 * what the page draws.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';

function embedded(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!m) throw new Error(`no #${id}`);
  return JSON.parse(m[1] as string);
}

describe('--html FILE', () => {
  const tmp = useTempDir();
  test('simulate: stdout unchanged (golden), the page embeds the JSON output', async () => {
    const file = tmp.file('report.html');
    const r = await runIn(['simulate', '--scenario', 'scenarios/example.json', '--html', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('test/golden/example.txt', 'utf8'));
    const json = await runIn(['simulate', '--scenario', 'scenarios/example.json', '--format', 'json']);
    const html = readFileSync(file, 'utf8');
    expect(embedded(html, 'faasim-data')).toEqual(JSON.parse(json.stdout));
    // self-contained: no external script, style or image
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain('uPlot');
    const charts = embedded(html, 'faasim-charts') as { id: string }[];
    expect(charts.map((c) => c.id)).toEqual([
      'chart-cost',
      'chart-rate',
      'chart-levels',
      'chart-cold',
      'chart-latency',
    ]);
  });

  test('compare: stdout unchanged (golden), the page embeds the JSON output', async () => {
    const file = tmp.file('kw.html');
    const r = await runIn(['compare', '--scenario', 'scenarios/keep-warm.json', '--html', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('test/golden/compare-keep-warm.txt', 'utf8'));
    const html = readFileSync(file, 'utf8');
    const json = await runIn(['compare', '--scenario', 'scenarios/keep-warm.json', '--format', 'json']);
    expect(embedded(html, 'faasim-data')).toEqual(JSON.parse(json.stdout));
  });

  test('a file that cannot be written is an input error (exit 2), named', async () => {
    const r = await runIn([
      'simulate',
      '--scenario',
      'scenarios/example.json',
      '--html',
      '/nonexistent-dir/x.html',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write /nonexistent-dir/x.html');
  });
});
