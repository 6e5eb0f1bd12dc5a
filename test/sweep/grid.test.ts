/** Memory lists and ranges, list flags, grids. */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { cartesian, gridPoints, parseMemoryList, splitListValue } from '../../src/sweep/grid.js';
import { pointsAtOfferedSizes } from '../../src/sweep/index.js';

describe('memory lists', () => {
  test('lists, ranges and Power Tuning ALL', () => {
    expect(parseMemoryList('128,256,512,1024,1769,3008')).toEqual([128, 256, 512, 1024, 1769, 3008]);
    // 128..3008:64 → 128 + 64k for k = 0..45: 46 sizes, the last exactly 3008
    const all = parseMemoryList('128..3008:64');
    expect([all.length, all[0], all[1], all[45]]).toEqual([46, 128, 192, 3008]);
    expect(parseMemoryList('all')).toEqual(all);
    // a range stops at the last step not above its end; mixed entries are merged and sorted
    expect(parseMemoryList('1024, 128..400:128, 256')).toEqual([128, 256, 384, 1024]);
  });

  test('bad lists name the entry', () => {
    expect(() => parseMemoryList('128,,256')).toThrow(/empty entry/);
    expect(() => parseMemoryList('128..3008')).toThrow(/needs a step/);
    expect(() => parseMemoryList('1.5GB')).toThrow('--memory "1.5GB": not a whole number of MB');
    expect(() => parseMemoryList('3008..128:64')).toThrow(/empty/);
  });
});

describe('list flags and grids', () => {
  test('commas split values, except inside an empirical distribution', () => {
    expect(splitListValue('5m,10m')).toEqual(['5m', '10m']);
    expect(splitListValue('empirical:100ms,200ms')).toEqual(['empirical:100ms,200ms']);
  });

  test('the Cartesian product, first dimension slowest', () => {
    expect(
      cartesian<number | string>([
        [1, 2],
        ['a', 'b', 'c'],
      ]),
    ).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'a'],
      [2, 'b'],
      [2, 'c'],
    ]);
  });

  test('gridPoints sets each point and drops per-function memory when memory is swept', () => {
    const base = { ...DEFAULT_CONFIG, functions: { api: { memoryMb: 2048, provisioned: 1 } } };
    const pts = gridPoints(base, { memoryMb: [128, 256], arch: ['x86_64', 'arm64'] });
    expect(pts.map((p) => [p.config.memoryMb, p.config.arch])).toEqual([
      [128, 'x86_64'],
      [128, 'arm64'],
      [256, 'x86_64'],
      [256, 'arm64'],
    ]);
    expect(pts[0]!.settings).toEqual({ memory: '128', arch: 'x86_64' });
    expect(pts[0]!.config.functions).toEqual({ api: { provisioned: 1 } });
    expect(base.functions.api.memoryMb).toBe(2048); // the base is not modified
  });
});

describe('sizes a platform cannot take', () => {
  test('move to the size it offers, and points that meet there are kept once', () => {
    // Azure Premium's smallest instance is EP1 (3,584 MB): 512 and 1,024 both move there, one kept.
    // Azure Consumption takes 128..1,536 MB as the observed memory it bills: 512 and 1,024 stay.
    const grid = gridPoints(
      { ...DEFAULT_CONFIG, functions: {} },
      { memoryMb: [512, 1024], provider: ['azure-premium', 'azure-consumption'] },
    );
    const { points, notes } = pointsAtOfferedSizes(grid);
    expect(points.map((p) => [p.config.provider, p.config.memoryMb, p.settings['memory'], p.index])).toEqual([
      ['azure-premium', 3584, '3584', 0],
      ['azure-consumption', 512, '512', 1],
      ['azure-consumption', 1024, '1024', 2],
    ]);
    expect(notes).toEqual([
      'Azure Functions Premium runs what it offers: 512 → 3,584 MB, 1,024 → 3,584 MB; 1 point landing on one already in the grid dropped',
    ]);
  });

  test('an arm64 point on a platform without a choice of architecture is its x86_64 point', () => {
    const grid = gridPoints(
      { ...DEFAULT_CONFIG, functions: {} },
      { arch: ['x86_64', 'arm64'], provider: ['aws-lambda', 'gcp-cloud-run'] },
    );
    const { points, notes } = pointsAtOfferedSizes(grid);
    expect(points.map((p) => `${p.config.provider} ${p.config.arch}`)).toEqual([
      'aws-lambda x86_64',
      'gcp-cloud-run x86_64',
      'aws-lambda arm64',
    ]);
    expect(notes).toEqual([
      'Google Cloud Run runs what it offers: arm64 → its only architecture; 1 point landing on one already in the grid dropped',
    ]);
  });
});

test('a size inside the range moves to the size the platform gives it (4,096 MB on Premium is EP2)', () => {
  const grid = gridPoints(
    { ...DEFAULT_CONFIG, functions: {} },
    { memoryMb: [4096], provider: ['azure-premium', 'gcp-cloud-run', 'azure-consumption'] },
  );
  const { points } = pointsAtOfferedSizes(grid);
  // Premium: EP2 (7,168 MB); Cloud Run offers 4 GiB as is; Consumption's 1,536 MB is the most an execution bills
  expect(points.map((p) => `${p.config.provider} ${p.config.memoryMb}`)).toEqual([
    'azure-premium 7168',
    'gcp-cloud-run 4096',
    'azure-consumption 1536',
  ]);
});

test('the default worker count is the cores the load average leaves free, at least one', async () => {
  const { defaultWorkerCount } = await import('../../src/sweep/run.js');
  // 2 cores: idle → 2; load 0.6 rounds to 1 → 1; load 20 → 1 (never 0); 8 cores at load 2.4 → 6
  expect([
    defaultWorkerCount(2, 0),
    defaultWorkerCount(2, 0.6),
    defaultWorkerCount(2, 20),
    defaultWorkerCount(8, 2.4),
  ]).toEqual([2, 1, 1, 6]);
});
