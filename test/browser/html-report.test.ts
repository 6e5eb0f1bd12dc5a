/**
 * The HTML reports in a real browser (headless Chromium): each bundled scenario's page is written
 * by the CLI, opened from disk, and checked for console errors, any request that is not file:// or
 * data:, charts that drew what their data holds, and headline numbers equal to the JSON output's.
 * Screenshots (and a printed PDF) go to test-output/browser/ (git-ignored). One browser per file.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { ms, pct, usd, int } from '../../src/report/format.js';
import { runIn } from '../helpers/run-in-process.js';
import {
  drawnCharts,
  embeddedData,
  HAVE_CHROMIUM,
  headlineCards,
  launch,
  open,
  type DrawnChart,
} from './browser.js';

const root = packageRoot();
const out = join(root, 'test-output/browser');
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'));

/** Writes the page with the CLI (in-process) and returns its path and the JSON output of the same run. */
async function report(name: string, args: string[]): Promise<{ file: string; json: any }> {
  const file = join(out, `${name}.html`);
  const r = await runIn([...args, '--html', file]);
  expect(r.code, r.stderr).toBe(0);
  const j = await runIn([...args, '--format', 'json']);
  return { file, json: JSON.parse(j.stdout) };
}

/**
 * Every chart drew: ink on its canvas, the points expected, and each series of two or more points in
 * its colour (a single point may lie under another series' point, as the keep-warm schedule's does).
 */
function expectDrawn(charts: DrawnChart[], expected: Record<string, number[]>): void {
  expect(charts.map((c) => c.id).sort()).toEqual(Object.keys(expected).sort());
  for (const c of charts) {
    expect(c.inked, c.id).toBeGreaterThan(1000);
    expect(c.points, c.id).toEqual(expected[c.id]);
    expect(c.series, c.id).toBe(expected[c.id]!.length);
    c.points.forEach((n, i) => {
      if (n > 1) expect(c.colourPixels[i], `${c.id} series ${i}`).toBeGreaterThan(0);
    });
  }
}

const get = (o: any, path: string): unknown => path.split('.').reduce((x, k) => x?.[k], o);

describe.skipIf(!HAVE_CHROMIUM)('HTML reports in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const s of scenarios) {
    const name = `simulate-${s.replace(/\.json$/, '')}`;
    test(`simulate --scenario scenarios/${s}`, async () => {
      const { file, json } = await report(name, ['simulate', '--scenario', `scenarios/${s}`]);
      const { page, errors, network } = await open(browser, file);
      expect(errors).toEqual([]);
      expect(network).toEqual([]);
      expect(await embeddedData(page)).toEqual(json);

      const buckets = Math.floor(json.trace.spanMs / 60_000) + 1;
      const lat = (k: 'warm' | 'cold'): number => (json.outcomes.latency[k].count > 0 ? 5 : 0);
      expectDrawn(await drawnCharts(page), {
        'chart-cost': [json.cost.lines.filter((l: any) => l.monthlyUsd !== 0).length],
        'chart-rate': [buckets],
        'chart-levels': [buckets, buckets],
        'chart-cold': [buckets, buckets],
        'chart-latency': [lat('warm'), lat('cold')],
      });

      // the headline numbers are the JSON's, shown as the table report formats them
      const cards = await headlineCards(page);
      const format: Record<string, (x: number) => string> = {
        'cost.monthlyUsd': usd,
        'cost.usdPerMillionRequests': usd,
        'outcomes.coldStartRate': (x) => pct(x),
        'outcomes.throttledSync': int,
        'outcomes.latency.all.p99Ms': ms,
      };
      expect(cards.map((c) => c.key)).toEqual(Object.keys(format));
      for (const c of cards) {
        const v = get(json, c.key) as number;
        expect(Number(c.value), c.key).toBe(v);
        expect(c.text, c.key).toBe(format[c.key]!(v));
      }
      // every unconfirmed figure is listed with its source as a link
      const links = await page.$$eval('#unconfirmed a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(json.cost.unconfirmed.map((u: any) => u.figure.source));
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
      await page.context().close();
    });
  }

  test('simulate: the functions table sorts by the header clicked; a phone-width page does not scroll sideways; it prints', async () => {
    const { file, json } = await report('simulate-example-phone', [
      'simulate',
      '--scenario',
      'scenarios/example.json',
    ]);
    const { page, errors } = await open(browser, file, { width: 390, height: 844 });
    const names = (): Promise<string[]> =>
      page.$$eval('#functions tbody tr', (rows) =>
        rows.map((r) => (r as HTMLTableRowElement).cells[0]!.textContent ?? ''),
      );
    const byRequests = [...json.functions]
      .sort((a: any, b: any) => a.outcomes.requests - b.outcomes.requests)
      .map((f: any) => f.name);
    await page.click('#functions th:nth-child(3)');
    expect(await names()).toEqual(byRequests);
    await page.click('#functions th:nth-child(3)');
    expect(await names()).toEqual([...byRequests].reverse());
    // wide tables scroll inside their own box; the page itself fits the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const c of await drawnCharts(page)) expect(c.inked, c.id).toBeGreaterThan(500);
    await page.screenshot({ path: join(out, 'simulate-example-phone.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(out, 'simulate-example.pdf'), format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('simulate --provider all: the platforms side by side', async () => {
    const { file, json } = await report('simulate-providers', [
      'simulate',
      '--scenario',
      'scenarios/example.json',
      '--provider',
      'all',
    ]);
    const { page, errors, network } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    expect(await embeddedData(page)).toEqual(json);
    const ran = json.rows.filter((r: any) => r.result !== null).length;
    expectDrawn(await drawnCharts(page), {
      'chart-provider-cost': [ran],
      'chart-provider-cold': [ran],
      'chart-provider-p99': [ran],
    });
    const rows = await page.$$eval('#providers tbody tr', (trs) =>
      trs.map((r) => (r as HTMLTableRowElement).cells[2]!.getAttribute('data-sort')),
    );
    expect(rows.map((v) => (v === null ? null : Number(v)))).toEqual(
      json.rows.map((r: any) => (r.result ? r.result.cost.monthlyUsd : -1e308)),
    );
    await page.screenshot({ path: join(out, 'simulate-providers.png'), fullPage: true });
    await page.context().close();
  });

  test('sweep --scenario scenarios/sweep/api.json: cost and p99 against memory, Pareto front, infeasible points, picks', async () => {
    const args = [
      'sweep',
      '--scenario',
      'scenarios/sweep/api.json',
      '--memory',
      '128,256,512,1024,1536,2048',
      '--arch',
      'x86_64,arm64',
      '--min-memory',
      '256',
      '--workers',
      '1',
    ];
    const { file, json } = await report('sweep-api', args);
    const { page, errors, network } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    expect(await embeddedData(page)).toEqual(json);
    const arch = (a: string): number => json.points.filter((p: any) => p.arch === a).length;
    const infeasible = json.points.filter((p: any) => !p.feasible).length;
    expect(infeasible).toBe(2); // 128 MB on both architectures, below --min-memory 256
    expectDrawn(await drawnCharts(page), {
      'chart-sweep-cost': [
        arch('x86_64'),
        arch('arm64'),
        arch('x86_64'),
        arch('arm64'),
        json.points.filter((p: any) => p.pareto).length,
        infeasible,
      ],
      'chart-sweep-cold': [arch('x86_64'), arch('arm64')],
    });
    // each recommendation's card names its point
    for (const c of (await headlineCards(page)).filter((x) => x.key.startsWith('recommendations.'))) {
      const rec = json.recommendations.find((r: any) => `recommendations.${r.kind}` === c.key);
      expect(Number(c.value)).toBe(rec.index);
      expect(c.text).toBe(json.points.find((p: any) => p.index === rec.index).label);
    }
    expect(await page.$$eval('#points tr.bad', (r) => r.length)).toBe(infeasible);
    await page.screenshot({ path: join(out, 'sweep-api.png'), fullPage: true });
    await page.context().close();
  });

  test("compare --scenario scenarios/keep-warm.json --target: every setting tried, families, the optimiser's answer", async () => {
    const { file, json } = await report('compare-keep-warm', [
      'compare',
      '--scenario',
      'scenarios/keep-warm.json',
      '--target',
      'cold-start-rate<=0.2%',
    ]);
    const { page, errors, network } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    expect(await embeddedData(page)).toEqual(json);
    const families = [...new Set<string>(json.tried.map((t: any) => t.family))];
    expectDrawn(await drawnCharts(page), {
      'chart-tried': [
        ...families.map((f) => json.tried.filter((t: any) => t.family === f).length),
        json.optimisation.best === null ? 0 : 1,
      ],
    });
    const cards = await headlineCards(page);
    const cheapest = json.strategies.find((s: any) => s.name === json.cheapest);
    expect(cards.find((c) => c.key === `strategies.${json.cheapest}.monthlyUsd`)).toMatchObject({
      value: String(cheapest.monthlyUsd),
      text: usd(cheapest.monthlyUsd),
    });
    expect(cards.find((c) => c.key === 'optimisation.best')?.text).toBe(json.optimisation.best);
    expect(await page.$$eval('#break-even tbody tr', (r) => r.length)).toBe(json.breakEven.levels.length);
    await page.screenshot({ path: join(out, 'compare-keep-warm.png'), fullPage: true });
    await page.context().close();
  });
});
