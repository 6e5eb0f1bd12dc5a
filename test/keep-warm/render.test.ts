/** The comparison table shows each provider's cost lines under the provider's own labels. */
import { describe, expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { renderCompareTable } from '../../src/keep-warm/render.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { config, evenly, traceOf } from '../helpers/trace.js';

const MIN = 60_000;
/** the first cell of each row between the monthly cost and the cost per million requests */
const costRows = (table: string): string[] => {
  const cells = table.split('\n').map((l) => (l.split('│')[1] ?? '').trim());
  return cells.slice(cells.indexOf('monthly cost (30 days)') + 1, cells.indexOf('USD per million requests'));
};

describe('cost lines in the comparison table', () => {
  // a request every 10 min for 2 h, none and one minimum instance
  const trace = traceOf(evenly(13, 10 * MIN, { run: 200 }));
  const named = ['none', 'provisioned:1'].map((s) => ({ name: s, strategy: parseStrategy(s) }));
  const table = (provider: string) =>
    renderCompareTable(
      compareStrategies(
        trace,
        config({ provider, memoryMb: 1024 }),
        getProvider(provider).load(defaultPricingDir()),
        named,
        { function: null, breakEven: false, target: null, exhaustive: false },
      ),
    );

  test('Cloud Run: its own labels, in the order of its bill (not Lambda\'s "on-demand duration" or "provisioned idle capacity")', () => {
    const rows = costRows(table('gcp-cloud-run'));
    expect(rows).toEqual([
      'Requests',
      'CPU (instance time with requests in flight)',
      'Memory (instance time with requests in flight)',
      'Idle minimum instances: CPU',
      'Idle minimum instances: memory',
    ]);
  });

  test('Lambda keeps the short labels of the comparison table', () => {
    const rows = costRows(table('aws-lambda'));
    expect(rows).toEqual([
      'requests',
      'on-demand duration',
      'INIT duration',
      'provisioned idle capacity',
      'provisioned used capacity',
      'provisioned duration',
      'provisioned INIT',
    ]);
  });
});
