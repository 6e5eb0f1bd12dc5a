/**
 * A report lists only the cost lines its run used (issue 11 §4): with the free tier off there is no
 * credit line, and no zero line of a feature left off (provisioned, pings, INIT with nothing billed),
 * in any format; requests and duration are always listed.
 */
import { describe, expect, test } from 'vitest';
import { providerIds } from '../../src/providers/registry.js';
import { simulateTrace } from '../../src/simulate.js';
import { cli } from '../helpers/cli.js';
import { config, evenly, traceOf } from '../helpers/trace.js';

const TRACE = 'scenarios/traces/azure-2fn-2h.csv';

describe('every provider: free tier off → no free-tier line; no line at zero quantity and zero cost', () => {
  const trace = traceOf(evenly(50, 60_000, { run: 120 }));
  for (const provider of providerIds()) {
    test(provider, () => {
      const r = simulateTrace(trace, config({ provider, freeTier: false }));
      expect(r.cost.lines.some((l) => l.id === 'free-tier')).toBe(false);
      const idle = r.cost.lines.filter(
        (l) => l.quantity === 0 && l.monthlyUsd === 0 && l.id !== 'requests' && l.id !== 'duration',
      );
      expect(idle.map((l) => l.id)).toEqual([]);
    });
  }
});

test('AWS Lambda with the free tier on keeps its credit line', () => {
  const r = simulateTrace(traceOf(evenly(50, 60_000, { run: 120 })), config({ freeTier: true }));
  expect(r.cost.lines.find((l) => l.id === 'free-tier')?.label).toBe('Free tier credit');
});

test('table, Markdown, CSV and JSON: no "Free tier" line with the free tier off', async () => {
  const absent: Record<string, RegExp> = {
    table: /Free tier credit/,
    markdown: /Free tier credit/,
    csv: /free-tier_/,
    json: /"free-tier"/,
  };
  for (const [format, line] of Object.entries(absent)) {
    const r = await cli(['simulate', TRACE, '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(line);
  }
  const on = await cli(['simulate', TRACE, '--free-tier']);
  expect(on.stdout).toContain('Free tier credit');
});
