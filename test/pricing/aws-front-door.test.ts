/**
 * The HTTP front door (issue 11 §3): request charges of API Gateway (HTTP and REST API tiers), Lambda
 * function URLs (nothing extra) and an Application Load Balancer (hours + LCUs), for sync requests only.
 * Prices (us-east-1, pricing/aws-front-door.json): HTTP API $1.00/M up to 300 M a month, $0.90/M
 * beyond; REST API $3.50/M up to 333 M, $2.80/M to 1 B, $2.38/M to 20 B, $1.51/M beyond; ALB $0.0225
 * an hour + $0.008 per LCU-hour, one LCU = 25 new connections a second.
 * The API Gateway and ELB pricing pages' own worked examples were not found in any stored copy, so
 * these are hand-computed bills with the arithmetic written out.
 */
import { describe, expect, test } from 'vitest';
import { MONTH_MS } from '../../src/pricing/cost.js';
import { simulateTrace } from '../../src/simulate.js';
import { runIn } from '../helpers/run-in-process.js';
import { pingEvery } from '../helpers/model.js';
import { config, evenly, traceOf, writeTemp } from '../helpers/trace.js';

const fast = { kind: 'constant' as const, ms: 0 };
const forever = { kind: 'forever' as const };
const lineOf = (r: ReturnType<typeof simulateTrace>, id: string) => r.cost.lines.find((l) => l.id === id);
const cents = (usd: number) => Math.round(usd * 100) / 100;

describe('API Gateway', () => {
  test('HTTP API, 350 M sync requests a month: 300 M × $1.00/M + 50 M × $0.90/M = $300.00 + $45.00 = $345.00', () => {
    // 3,500 requests over 1/100,000 of a month: × 100,000 = 350 M a month
    const r = simulateTrace(
      traceOf(evenly(3500, 5, { run: 1 })),
      config({ init: fast, keepAlive: forever, spanMs: MONTH_MS / 100_000, frontDoor: 'api-gateway-http' }),
    );
    const l = lineOf(r, 'front-door')!;
    expect(l.quantity).toBeCloseTo(350_000_000, 3);
    expect(cents(l.monthlyUsd)).toBe(345.0);
    expect(l.label).toBe('API Gateway HTTP API');
  });

  test('REST API, 400 M sync requests a month: 333 M × $3.50/M + 67 M × $2.80/M = $1,165.50 + $187.60 = $1,353.10', () => {
    const r = simulateTrace(
      traceOf(evenly(4000, 5, { run: 1 })),
      config({ init: fast, keepAlive: forever, spanMs: MONTH_MS / 100_000, frontDoor: 'api-gateway-rest' }),
    );
    expect(cents(lineOf(r, 'front-door')!.monthlyUsd)).toBe(1353.1);
  });

  test('only sync user requests pass through it: async events and keep-warm pings do not; a throttled sync request does', () => {
    // 10 sync + 10 async requests and pings every 5 s over 1/100,000 of a month (25.92 s), a
    // concurrency limit of 1, so some sync requests are throttled (429: the second overlaps the first,
    // others meet a ping): served or rejected, the 10 sync requests were received → 1 M a month ×
    // $1.00/M = $1.00
    const rows = [
      { t: 0, run: 100 },
      { t: 10, run: 100 },
      ...evenly(8, 1000, { run: 1 }).map((r) => ({ ...r, t: r.t + 1000 })),
      ...evenly(10, 500, { run: 1, async: true }).map((r) => ({ ...r, t: r.t + 10_000 })),
    ];
    const r = simulateTrace(
      traceOf(rows),
      config({
        init: fast,
        keepAlive: forever,
        concurrencyLimit: 1,
        pings: [pingEvery(5000)],
        spanMs: MONTH_MS / 100_000,
        frontDoor: 'api-gateway-http',
      }),
    );
    expect(r.outcomes.throttledSync).toBeGreaterThanOrEqual(1);
    expect(lineOf(r, 'ping-requests')!.quantity).toBeGreaterThan(0);
    expect(lineOf(r, 'front-door')!.quantity).toBeCloseTo(1_000_000, 3);
    expect(cents(lineOf(r, 'front-door')!.monthlyUsd)).toBe(1.0);
  });
});

describe('function URL and ALB', () => {
  test('a function URL costs nothing extra, and the line says so', () => {
    const r = simulateTrace(
      traceOf(evenly(100, 5, { run: 1 })),
      config({ init: fast, keepAlive: forever, spanMs: 3_600_000, frontDoor: 'function-url' }),
    );
    const l = lineOf(r, 'front-door')!;
    expect(l.monthlyUsd).toBe(0);
    expect(l.note).toBe(
      'function URLs cost nothing extra: their requests are billed as Lambda requests and duration',
    );
  });

  test('ALB: 9,000 sync requests an hour → 720 h × $0.0225 = $16.20, and 6.48 M / (25 × 3,600) = 72 LCU-hours × $0.008 = $0.58', () => {
    // one new connection per request: an hour of 9,000 requests is 2.5 a second = 0.1 LCU for the
    // hour; a 30-day month of such hours holds 720 × 0.1 = 72 LCU-hours
    const r = simulateTrace(
      traceOf(evenly(9000, 400, { run: 1 })),
      config({ init: fast, keepAlive: forever, spanMs: 3_600_000, frontDoor: 'alb' }),
    );
    expect(lineOf(r, 'front-door-hours')!.quantity).toBe(720);
    expect(cents(lineOf(r, 'front-door-hours')!.monthlyUsd)).toBe(16.2);
    expect(lineOf(r, 'front-door-lcu')!.quantity).toBeCloseTo(72, 9);
    expect(cents(lineOf(r, 'front-door-lcu')!.monthlyUsd)).toBe(0.58);
    expect(r.cost.unconfirmed.map((u) => u.path)).toEqual(['frontDoor.alb.freeRules']);
  });

  test('without --front-door the bill has no front-door line', () => {
    const r = simulateTrace(traceOf(evenly(100, 5, { run: 1 })), config({ init: fast, keepAlive: forever }));
    expect(r.cost.lines.some((l) => l.id.startsWith('front-door'))).toBe(false);
  });
});

describe('--front-door on the command line', () => {
  const trace = writeTemp(
    'ok.csv',
    'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n',
  );
  test('on a provider without it: exit 2, one line naming the provider that takes it', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'gcp-cloud-run',
      '--front-door',
      'api-gateway-http',
    ]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'faasim: --front-door (scenario "frontDoor") is for aws-lambda, aws-fargate; Google Cloud Run has no such option\n',
    ]);
  });

  test('--front-door none is no front door, on any provider', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'gcp-cloud-run',
      '--front-door',
      'none',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
  });

  test("outside us-east-1 it is refused: the prices are us-east-1's", async () => {
    const r = await runIn(['simulate', trace, '--region', 'eu-west-1', '--front-door', 'alb']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'faasim: --front-door: faasim has front-door prices for us-east-1 only, not eu-west-1\n',
    ]);
  });
});
