/**
 * Flex Consumption's per-function scaling (Microsoft, flex-consumption-plan#per-function-scaling):
 * the HTTP, Blob (Event Grid) and Durable functions of an app each scale together in one set of
 * instances; every other function scales alone. A group's shared instance is billed once for its busy
 * period (the union of its functions' executions), at least 1 s, then in 100 ms steps.
 * 2,048 MB instances (2 GB), INIT 0, a 10 s span throughout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, noFunctions, type SimulationConfig } from '../../src/config.js';
import { MONTH_MS } from '../../src/pricing/cost.js';
import { simulateFile, type SimulationResult } from '../../src/simulate.js';
import { cli } from '../helpers/cli.js';

const spanMs = 10_000;

interface Row {
  t: number;
  run: number;
  fn: string;
  app?: string;
  trigger?: string;
}

/** A CSV trace with `app` and `trigger` columns where some row has them (ms after 2024-01-01). */
function trace(rows: Row[]): string {
  const hasApp = rows.some((r) => r.app !== undefined);
  const hasTrigger = rows.some((r) => r.trigger !== undefined);
  const head = [
    'timestamp',
    'function',
    'duration_ms',
    ...(hasApp ? ['app'] : []),
    ...(hasTrigger ? ['trigger'] : []),
  ];
  const base = Date.UTC(2024, 0, 1);
  const lines = rows.map((r) =>
    [
      new Date(base + r.t).toISOString(),
      r.fn,
      String(r.run),
      ...(hasApp ? [r.app ?? ''] : []),
      ...(hasTrigger ? [r.trigger ?? ''] : []),
    ].join(','),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'faasim-flex-')), 'trace.csv');
  writeFileSync(file, `${[head.join(','), ...lines].join('\n')}\n`);
  return file;
}

async function flex(rows: Row[], over: Partial<SimulationConfig> = {}): Promise<SimulationResult> {
  return simulateFile(
    trace(rows),
    {},
    {
      ...DEFAULT_CONFIG,
      functions: noFunctions(),
      provider: 'azure-flex',
      memoryMb: 2048,
      init: { kind: 'constant', ms: 0 },
      spanMs,
      ...over,
    },
  );
}

/** a cost line's quantity in the span (lines are monthly) */
function spanQuantity(r: SimulationResult, id: string): number {
  const l = r.cost.lines.find((x) => x.id === id);
  if (l === undefined) throw new Error(`no line ${id}: ${r.cost.lines.map((x) => x.id).join(', ')}`);
  return l.quantity * (spanMs / MONTH_MS);
}

const groupNote = (r: SimulationResult): string | undefined =>
  r.assumptions.find((a) => a.startsWith('per-function scaling'));

// two requests of one app: 0–250 ms and 100–400 ms
const pair = (second: Partial<Row>, first: Partial<Row> = {}): Row[] => [
  { t: 0, run: 250, fn: 'api', app: 'shop', trigger: 'http', ...first },
  { t: 100, run: 300, fn: 'web', app: 'shop', trigger: 'http', ...second },
];

describe('one app: its HTTP functions share instances', () => {
  test('two HTTP functions, 0–250 and 100–400 ms: one instance, ONE busy period 0–400 ms → 1 s × 2 GB', async () => {
    const r = await flex(pair({}));
    expect(r.outcomes.coldStarts).toBe(1);
    // the period's 400 ms is under the 1 s minimum: 1 s × 2 GB = 2 GB-s
    expect(spanQuantity(r, 'duration')).toBeCloseTo(2, 9);
    expect(spanQuantity(r, 'requests')).toBeCloseTo(2, 9);
    expect(groupNote(r)).toBe(
      'per-function scaling: 2 functions in 1 set of instances (the HTTP, Blob and Durable functions of an app scale together, each other function alone; 2 in a shared group); 0 functions had no trigger (trigger column or scenario trigger) and scale alone',
    );
    expect(r.assumptions.some((a) => a.startsWith('each function in the trace is modelled as its own'))).toBe(
      false,
    );
  });

  test('one HTTP and one queue function: two instances, two periods → 2 × 1 s × 2 GB', async () => {
    const r = await flex(pair({ trigger: 'queue' }));
    expect(r.outcomes.coldStarts).toBe(2);
    expect(spanQuantity(r, 'duration')).toBeCloseTo(4, 9);
    expect(groupNote(r)).toContain('2 functions in 2 sets of instances');
  });

  test('HTTP functions of two apps: two instances', async () => {
    const r = await flex(pair({ app: 'ops' }));
    expect(r.outcomes.coldStarts).toBe(2);
    expect(spanQuantity(r, 'duration')).toBeCloseTo(4, 9);
  });

  test('without an app column each function is its own app: groups change nothing, the default line stays', async () => {
    const r = await flex(pair({ app: undefined }, { app: undefined }));
    expect(r.outcomes.coldStarts).toBe(2);
    expect(spanQuantity(r, 'duration')).toBeCloseTo(4, 9);
    expect(r.assumptions).toContain(
      'each function in the trace is modelled as its own function group: instances are not shared between functions',
    );
  });

  test('a long shared period: 0–250 and 100–1,730 ms bill one 1.8 s period (1,730 ms rounded up to 100 ms)', async () => {
    const r = await flex(pair({ run: 1630 }));
    expect(spanQuantity(r, 'duration')).toBeCloseTo(1.8 * 2, 9);
  });
});

describe('the groups and their trigger names', () => {
  test.each([
    ['blob', 'storage'],
    ['orchestration', 'activity'],
    ['EntityTrigger', 'durable'],
    ['SignalR', 'http'],
  ])('%s and %s share one instance', async (a, b) => {
    const r = await flex(pair({ trigger: b }, { trigger: a }));
    expect(r.outcomes.coldStarts).toBe(1);
    expect(spanQuantity(r, 'duration')).toBeCloseTo(2, 9);
  });

  test.each([
    ['timer', 'timer'],
    ['queue', 'event'],
    ['http', 'blob'],
  ])('%s and %s scale alone: two instances', async (a, b) => {
    const r = await flex(pair({ trigger: b }, { trigger: a }));
    expect(r.outcomes.coldStarts).toBe(2);
  });

  test('a function without a trigger scales alone, and the note counts it', async () => {
    const r = await flex(pair({ trigger: '' }));
    expect(r.outcomes.coldStarts).toBe(2);
    expect(groupNote(r)).toContain(
      '1 function had no trigger (trigger column or scenario trigger) and scales alone',
    );
  });

  test("a scenario function's trigger, where the trace has no trigger column", async () => {
    const rows = pair({ trigger: undefined }, { trigger: undefined });
    const functions = noFunctions();
    functions.api = { trigger: 'http' };
    functions.web = { trigger: 'http' };
    const r = await flex(rows, { functions });
    expect(r.outcomes.coldStarts).toBe(1);
    expect(spanQuantity(r, 'duration')).toBeCloseTo(2, 9);
  });
});

describe('always-ready instances by group (--always-ready)', () => {
  const readyRows = (): Row[] => [
    ...pair({}),
    { t: 200, run: 100, fn: 'orders', app: 'shop', trigger: 'queue' },
    { t: 300, run: 100, fn: 'audit', app: 'shop', trigger: 'queue' },
  ];
  /** always-ready instances billed: the baseline's GB-s in the span over 2 GB × 10 s */
  const alwaysReadyInstances = (r: SimulationResult): number =>
    spanQuantity(r, 'provisioned-capacity') / (2 * 10);

  test('http=2: the HTTP group keeps 2 (not 2 per function), the queue functions none', async () => {
    const r = await flex(readyRows(), { alwaysReady: { http: 2 } });
    expect(alwaysReadyInstances(r)).toBeCloseTo(2, 9);
    expect(r.outcomes.coldStarts).toBe(2);
  });

  test('http=1,function:orders=1: one for the group, one for orders, none for audit', async () => {
    const r = await flex(readyRows(), { alwaysReady: { http: 1, 'function:orders': 1 } });
    expect(alwaysReadyInstances(r)).toBeCloseTo(2, 9);
    // only audit starts an instance on demand
    expect(r.outcomes.coldStarts).toBe(1);
  });

  test('--provisioned 1 is every set of instances: the HTTP group once, each queue function once', async () => {
    const r = await flex(readyRows(), { provisioned: 1 });
    expect(alwaysReadyInstances(r)).toBeCloseTo(3, 9);
  });

  test('a key no function takes is noted as not used', async () => {
    const r = await flex(readyRows(), { alwaysReady: { blob: 1 } });
    expect(r.assumptions).toContain(
      '--always-ready blob: no function scales in that group or by that name; not used',
    );
  });
});

describe('--always-ready on the command line', () => {
  const rows: Row[] = [
    { t: 0, run: 250, fn: 'api', app: 'shop', trigger: 'http' },
    { t: 100, run: 300, fn: 'orders', app: 'shop', trigger: 'queue' },
  ];

  test('http=1,function:orders=1: two always-ready instances, no cold start', async () => {
    const r = await cli([
      'simulate',
      trace(rows),
      '--provider',
      'azure-flex',
      '--always-ready',
      'http=1, function:orders=1',
      '--init',
      '0ms',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as SimulationResult;
    expect(out.outcomes.coldStarts).toBe(0);
    expect(out.functions.map((f) => f.provisioned)).toEqual([1, 1]);
  });

  test.each(['http', 'queue=1', 'http=-1', 'http=1.5', 'function:=2'])(
    '"%s" is refused with the form expected',
    async (v) => {
      const r = await cli(['simulate', trace(rows), '--provider', 'azure-flex', '--always-ready', v]);
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        '',
        `faasim: --always-ready "${v}": expected KEY=COUNT[,KEY=COUNT…], KEY one of http, blob, durable or function:NAME, COUNT a whole number ≥ 0, e.g. http=2,function:orders=1\n`,
      ]);
    },
  );

  test('another provider refuses it, naming azure-flex', async () => {
    const r = await cli(['simulate', trace(rows), '--provider', 'azure-premium', '--always-ready', 'http=1']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'faasim: --always-ready (scenario "alwaysReady") is for azure-flex; Azure Functions Premium has no such option\n',
    ]);
  });
});
