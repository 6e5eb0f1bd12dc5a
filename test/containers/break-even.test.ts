/**
 * The traffic at which a container platform becomes cheaper than the functions (src/break-even.ts),
 * against a closed form. A steady trace, 100 ms requests at --memory 512: AWS Lambda costs
 * $0.20/M + 0.1 s × 0.5 GB × $0.0000166667 = $1.033335 per million requests, so at r requests a
 * second r × 2,592,000 × 1.033335e-6 = r × $2.678404 a month (INIT of its few cold starts aside).
 * AWS Fargate keeps its one task (0.25 vCPU, 0.5 GB) all month whatever the traffic while it takes
 * the load: 2,592,000 × (0.25 × 0.000011244 + 0.5 × 0.000001235) = $8.885376. They cross at
 * 8.885376 / 2.678404 = 3.3174 requests a second.
 */
import { describe, expect, test } from 'vitest';
import { containerBreakEven, containerProviderIds } from '../../src/containers/break-even.js';
import { loadTrace } from '../../src/traces/load.js';
import { config, every, writeTrace } from '../helpers/csv-trace.js';

describe('container break-even', () => {
  test('Fargate against Lambda on a steady trace: 3.32 requests a second', async () => {
    const trace = await loadTrace(writeTrace(every(3600, 1000, { run: 100 })));
    const [row] = containerBreakEven(trace, config({ memoryMb: 512 }), {
      functions: ['aws-lambda'],
      containers: ['aws-fargate'],
    });
    expect(row?.kind).toBe('above');
    expect(row?.against).toBe('aws-lambda');
    expect(row?.requestsPerSecond).toBeGreaterThan(3.3174 * 0.98);
    expect(row?.requestsPerSecond).toBeLessThan(3.3174 * 1.02);
    // the two bills meet there: Fargate's is the constant one (within the task's rounding up to a
    // whole second over the scaled trace's one-hour span: 1 s in 3,600 is 0.03 %)
    expect(Math.abs((row?.containerUsd ?? 0) - 8.885376)).toBeLessThan(8.885376 * 0.0003);
    expect(Math.abs((row?.functionUsd ?? 0) - 8.885376)).toBeLessThan(0.1);
  });

  test('a container never cheaper within the range says so, and one cheaper everywhere too', async () => {
    const trace = await loadTrace(writeTrace(every(3600, 1000, { run: 100 })));
    // Managed Instances' three m7g.large (~$203 a month) against Lambda up to 8× this traffic ($21)
    const [never] = containerBreakEven(trace, config({ memoryMb: 512 }), {
      functions: ['aws-lambda'],
      containers: ['aws-lambda-managed-instances'],
      maxScale: 8,
    });
    expect([never?.kind, never?.scale]).toEqual(['never', 8]);
    // Fargate against Lambda from 16× (53 req/s): cheaper already
    const [everywhere] = containerBreakEven(trace, config({ memoryMb: 512 }), {
      functions: ['aws-lambda'],
      containers: ['aws-fargate'],
      minScale: 16,
      maxScale: 32,
    });
    expect([everywhere?.kind, everywhere?.scale]).toEqual(['everywhere', 16]);
  });

  test('the container platforms are the three marked so', () => {
    expect(containerProviderIds()).toEqual([
      'azure-container-apps',
      'aws-fargate',
      'aws-lambda-managed-instances',
    ]);
  });
});

describe('simulate --break-even', () => {
  test('under the comparison table, one line per container platform compared', async () => {
    const { runIn } = await import('../helpers/run-in-process.js');
    const trace = writeTrace(every(3600, 1000, { run: 100 }));
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'aws-lambda,aws-fargate',
      '--memory',
      '512',
      '--break-even',
    ]);
    expect(r.code).toBe(0);
    // 1 req/s: the crossing found above, 3.3 req/s (3.3× the trace)
    // the prose is wrapped within 100 columns: a line break may fall at any space
    const text = r.stdout.replace(/\n +/g, ' ').replace(/\n(?![-┌│└])/g, ' ');
    expect(text).toMatch(/Break-even: .*the trace's 1\.00 req\/s scaled 1\/64× to 256×/);
    expect(text).toMatch(
      /- aws-fargate: cheaper from 3\.3\d req\/s \(3\.3\d× the trace\): \$8\.89 a month against \$8\.[89]\d on aws-lambda/,
    );
  });

  test('refused on one provider, and in JSON', async () => {
    const { runIn } = await import('../helpers/run-in-process.js');
    const trace = writeTrace(every(10, 1000, { run: 100 }));
    expect((await runIn(['simulate', trace, '--break-even'])).stderr).toBe(
      'faasim: --break-even compares platforms: give --provider all or a comma list\n',
    );
    expect(
      (await runIn(['simulate', trace, '--provider', 'all', '--break-even', '--format', 'json'])).stderr,
    ).toBe('faasim: --break-even is printed with --format table or markdown\n');
  });
});
