/**
 * Settings a platform would refuse are errors that say which limit they break, and run times a
 * platform would cut short are reported: ephemeral storage outside Lambda's 512..10,240 MB,
 * reservations and provisioned instances beyond the account's concurrency, Azure instance caps
 * above the plan's limit, runs over Lambda's 900 s timeout.
 */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { every, simulate, writeTrace } from '../helpers/csv-trace.js';
import { writeTemp } from '../helpers/trace.js';

const rows = every(4, 1000, { run: 100 });
const lambda = { provider: 'aws-lambda', spanMs: 60_000 };

describe('settings beyond a platform limit are refused', () => {
  test("ephemeral storage outside Lambda's 512..10,240 MB", async () => {
    await expect(simulate(rows, { ...lambda, ephemeralStorageMb: 20_000 })).rejects.toThrow(
      "ephemeral storage 20000 MB is outside AWS Lambda's 512..10240 MB (whole MB)",
    );
    await expect(simulate(rows, { ...lambda, ephemeralStorageMb: 100 })).rejects.toThrow(
      /ephemeral storage 100 MB is outside/,
    );
    const ok = await simulate(rows, { ...lambda, ephemeralStorageMb: 10_240 });
    expect(ok.config.ephemeralStorage).toBe('10,240 MB (billed above 512 MB)');
  });

  test("reserved concurrency adding up to more than the account's limit", async () => {
    const two = [
      ...every(2, 1000, { fn: 'a', run: 100 }),
      ...every(2, 1000, { fn: 'b', run: 100 }, 500),
    ].sort((x, y) => x.t - y.t);
    await expect(
      simulate(two, {
        ...lambda,
        concurrencyLimit: 3,
        functions: { a: { reservedConcurrency: 2 }, b: { reservedConcurrency: 2 } },
      }),
    ).rejects.toThrow(
      "the functions' reserved concurrency adds up to 4, above the account's concurrency limit of 3",
    );
    // 2 + 1 = 3 fits
    const fits = await simulate(two, {
      ...lambda,
      concurrencyLimit: 3,
      functions: { a: { reservedConcurrency: 2 }, b: { reservedConcurrency: 1 } },
    });
    expect(fits.outcomes.requests).toBe(4);
  });

  test("provisioned instances beyond the account's limit", async () => {
    await expect(simulate(rows, { ...lambda, provisioned: 5, concurrencyLimit: 3 })).rejects.toThrow(
      "5 provisioned instances in all (1 function) exceed the account's concurrency limit of 3",
    );
  });

  // run-wide settings: refused before the trace is read (refuseBeforeTrace), so for "each function", not one by name
  test("provisioned instances above a function's cap, in each platform's own terms", async () => {
    await expect(simulate(rows, { ...lambda, provisioned: 5, maxInstances: 3 })).rejects.toThrow(
      'each function: 5 provisioned instances exceed its reserved concurrency of 3',
    );
    const premium = { provider: 'azure-premium', spanMs: 60_000 };
    await expect(simulate(rows, { ...premium, provisioned: 150 })).rejects.toThrow(
      "each function: 150 always-ready instances exceed its maximum instances of 100, Azure Functions Premium's limit",
    );
    const cloudRun = { provider: 'gcp-cloud-run', spanMs: 60_000 };
    await expect(simulate(rows, { ...cloudRun, provisioned: 20, maxInstances: 5 })).rejects.toThrow(
      'each function: 20 minimum instances exceed its maximum instances of 5',
    );
    await expect(simulate(rows, { ...cloudRun, provisioned: 200 })).rejects.toThrow(
      "each function: 200 minimum instances exceed its maximum instances of 100, Google Cloud Run's default (--max-instances sets it)",
    );
    // Cloud Run has no account-wide concurrency limit: --concurrency-limit is refused there (issue 11 §1)
    await expect(simulate(rows, { ...cloudRun, provisioned: 5, concurrencyLimit: 3 })).rejects.toThrow(
      '--concurrency-limit 3 (scenario "concurrencyLimit") is for aws-lambda, aws-lambda-edge; Google Cloud Run has no account concurrency limit; --max-instances caps a function\'s instances',
    );
  });

  test('a run-wide level above the run-wide cap runs when every function of the trace has its own cap', async () => {
    // maxInstances 2 would refuse provisioned 5 for a function without its own cap, but the trace's
    // functions a and b each reserve 10: 5 fits (review finding: refused before the trace was read)
    const two = [
      ...every(2, 1000, { fn: 'a', run: 100 }),
      ...every(2, 1000, { fn: 'b', run: 100 }, 500),
    ].sort((x, y) => x.t - y.t);
    const own = { a: { reservedConcurrency: 10 }, b: { reservedConcurrency: 10 } };
    const r = await simulate(two, { ...lambda, maxInstances: 2, provisioned: 5, functions: own });
    expect(r.functions.map((f) => [f.name, f.provisioned])).toEqual([
      ['a', 5],
      ['b', 5],
    ]);
    // a third function without its own cap gets the run-wide 2 and is refused once the trace shows it
    const three = [...two, ...every(1, 1000, { fn: 'c', run: 100 }, 700)].sort((x, y) => x.t - y.t);
    await expect(
      simulate(three, { ...lambda, maxInstances: 2, provisioned: 5, functions: own }),
    ).rejects.toThrow(/5 provisioned instances exceed its reserved concurrency of 2/);
  });

  test("a provisioned schedule's level below the platform's minimum is refused like --provisioned", async () => {
    // Managed Instances always keeps 3: a schedule setting 2 would be run at 3, so it is refused (review note)
    const trace = writeTrace(every(4, 1000, { run: 100 }));
    const actions = (low: number) => [
      { cron: 'cron(0 8 ? * MON-FRI *)', level: low },
      { cron: 'cron(0 18 ? * MON-FRI *)', level: 0 },
    ];
    const scenario = (low: number) =>
      writeTemp(
        `schedule-${low}.json`,
        JSON.stringify({
          provider: 'aws-lambda-managed-instances',
          provisioned: { kind: 'schedule', actions: actions(low) },
        }),
      );
    const low = await cli(['simulate', trace, '--scenario', scenario(2)]);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(
      /the provisioned schedule \(scenario "provisioned"\): level 2 is below the 3 minimum instances AWS Lambda Managed Instances always keeps/,
    );
    // 3 and 0 (back to the minimum) are taken
    expect((await cli(['simulate', trace, '--scenario', scenario(3)])).code).toBe(0);
  });

  test("provisioned instances on a platform without them: no other platform's name for them as its own", async () => {
    for (const provider of ['azure-consumption', 'cloudflare-workers']) {
      const e = simulate(rows, { provider, spanMs: 60_000, provisioned: 1 });
      await expect(e).rejects.toThrow(
        /keeps no instances ready ahead of requests \(what other platforms call provisioned, always-ready or minimum instances\); remove --provisioned$/,
      );
    }
    await expect(
      simulate(rows, {
        provider: 'cloudflare-workers',
        spanMs: 60_000,
        functions: { f: { provisioned: 2 } },
      }),
    ).rejects.toThrow(/remove function f's provisioned setting$/);
  });

  test("an Azure Consumption instance cap above the plan's 200", async () => {
    const azure = { provider: 'azure-consumption', spanMs: 60_000 };
    await expect(simulate(rows, { ...azure, maxInstances: 5000 })).rejects.toThrow(
      "--max-instances 5000 is above Azure Functions Consumption's limit of 200 instances per function",
    );
    expect((await simulate(rows, { ...azure, maxInstances: 200 })).outcomes.requests).toBe(4);
  });
});

test("runs over Lambda's 900 s timeout are counted in the report", async () => {
  const r = await simulate(
    [
      { t: 0, run: 900_001 },
      { t: 1000, run: 900_000 },
      { t: 2000, run: 25_000_000 },
    ],
    { ...lambda, spanMs: 3_600_000 },
  );
  // 900,000 ms is allowed; 900,001 and 25,000,000 are not
  // the note names the memory size the runs belong to (a sweep has one per point) and the longest run:
  // 25,000,000 ms / 3,600,000 ms per hour = 6.944 h
  expect(r.assumptions).toContain(
    `2 requests ran longer than AWS Lambda's limit of 15 min at ${r.config.memoryMb} MB (the longest 6.944 h): there they would time out; faasim runs and bills them as given`,
  );
  expect(r.overTimeout).toEqual({
    timeoutMs: 900_000,
    requests: 2,
    longestRunMs: 25_000_000,
    atMemoryMb: r.config.memoryMb,
  });
});

test('requests that used more memory than the function has are counted, on platforms where memory is a limit', async () => {
  const rows = [
    { t: 0, run: 100, memoryMb: 100 },
    { t: 1000, run: 100, memoryMb: 129 },
    { t: 2000, run: 100, memoryMb: 300 },
  ];
  const r = await simulate(rows, { ...lambda, memoryMb: 128, spanMs: 60_000 });
  // 100 MB fits in 128 MB; 129 and 300 do not
  expect(r.overMemory).toEqual({ requests: 2, largestUsedMb: 300, atMemoryMb: 128 });
  expect(r.assumptions).toContain(
    '2 requests used more memory than their function is given (up to 300 MB at 128 MB): there they would fail out of memory; faasim runs and bills them as given',
  );
  const fits = await simulate(rows, { ...lambda, memoryMb: 512, spanMs: 60_000 });
  expect(fits.overMemory).toBeUndefined();
  // on Azure Consumption the memory setting is what an execution is observed to use, not a limit
  const azure = await simulate(rows, { provider: 'azure-consumption', memoryMb: 128, spanMs: 60_000 });
  expect(azure.overMemory).toBeUndefined();
});

test('the most a schedule or auto-scaling may set is held to the same caps as a fixed level', async () => {
  const run = every(4, 1000, { run: 100 });
  await expect(
    simulate(run, {
      provider: 'gcp-cloud-run',
      spanMs: 60_000,
      maxInstances: 5,
      provisioned: 1,
      provisionedControl: {
        kind: 'auto',
        targetUtilization: 0.7,
        minLevel: 1,
        maxLevel: 20,
        scaleOutMinutes: 3,
        scaleInMinutes: 15,
        scaleInRatio: 0.9,
        allocationDelayMs: 60_000,
      },
    }),
  ).rejects.toThrow(
    'each function: 20 minimum instances (the most its auto-scaling may set) exceed its maximum instances of 5',
  );
});
