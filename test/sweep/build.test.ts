import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import { InputError } from '../../src/errors.js';
import { buildGrid, describeDimensions, gridDimensions, type GridSetting } from '../../src/sweep/build.js';
import { DEFAULT_SWEEP_MEMORY } from '../../src/sweep/grid.js';

const setting = (name: string, text: string | undefined, over: Partial<GridSetting> = {}): GridSetting => ({
  name,
  attr: name,
  text,
  listable: true,
  memory: false,
  ...over,
});
const configure = (values: Record<string, string>): { config: SimulationConfig } => ({
  config: {
    ...DEFAULT_CONFIG,
    memoryMb: Number(values['memory']),
    arch: (values['arch'] ?? 'x86_64') as SimulationConfig['arch'],
  },
});

describe('gridDimensions', () => {
  test('memory first, then each listable setting with two or more distinct values', () => {
    const dims = gridDimensions([
      setting('seed', '1,1'), // one distinct value: no dimension
      setting('arch', 'x86_64,arm64'),
      setting('memory', '128,512', { memory: true }),
      setting('format', 'json,csv', { listable: false }),
      setting('region', undefined),
    ]);
    expect(dims).toEqual([
      { name: 'memory', attr: 'memory', values: ['128', '512'] },
      { name: 'arch', attr: 'arch', values: ['x86_64', 'arm64'] },
    ]);
    expect(describeDimensions(dims)).toBe('memory 2 × arch 2');
  });

  test("memory not given: Power Tuning's default sizes", () => {
    expect(gridDimensions([setting('memory', undefined, { memory: true })])[0]?.values).toEqual(
      DEFAULT_SWEEP_MEMORY.map(String),
    );
  });
});

describe('buildGrid', () => {
  test('the Cartesian product, the first dimension varying slowest; settings named as the report shows them', () => {
    const dims = [
      { name: 'memory', attr: 'memory', values: ['128', '512'] },
      { name: 'arch', attr: 'arch', values: ['x86_64', 'arm64'] },
    ];
    const seen: Record<string, string>[] = [];
    const grid = buildGrid(dims, (v) => (seen.push(v), configure(v)), false);
    // 2 memory sizes × 2 architectures = 4 points, all sizes AWS Lambda offers: nothing moved, no note
    expect(grid.size).toBe(4);
    expect(
      grid.points.map((p) => [
        p.index,
        p.settings['memory'],
        p.settings['arch'],
        p.config.memoryMb,
        p.config.arch,
      ]),
    ).toEqual([
      [0, '128', 'x86_64', 128, 'x86_64'],
      [1, '128', 'arm64', 128, 'arm64'],
      [2, '512', 'x86_64', 512, 'x86_64'],
      [3, '512', 'arm64', 512, 'arm64'],
    ]);
    expect(seen[0]).toEqual({ memory: '128', arch: 'x86_64' });
    expect(grid.first.config.memoryMb).toBe(128);
    expect(grid.notes).toEqual([]);
  });

  test('default memory sizes are noted', () => {
    const grid = buildGrid([{ name: 'memory', attr: 'memory', values: ['256'] }], configure, true);
    expect(grid.notes).toEqual([
      `memory sizes: Power Tuning's default list ${DEFAULT_SWEEP_MEMORY.join(', ')} MB (--memory to choose)`,
    ]);
  });

  test('more than 5000 points is refused before any is built', () => {
    // 100 × 51 = 5100 > MAX_GRID_POINTS (5000)
    const dims = [
      { name: 'memory', attr: 'memory', values: Array.from({ length: 100 }, (_, i) => String(128 + i)) },
      { name: 'seed', attr: 'seed', values: Array.from({ length: 51 }, (_, i) => String(i)) },
    ];
    let calls = 0;
    const built = (): unknown => buildGrid(dims, (v) => (calls++, configure(v)), false);
    expect(built).toThrow(InputError);
    expect(built).toThrow('the grid has 5100 points (memory 100 × seed 51), more than 5000');
    expect(calls).toBe(0);
  });
});
