/**
 * The layer rules of .dependency-cruiser.cjs (`npm run deps`, docs/design.md's map): they hold on the
 * real tree, each one reports a tree that breaks it, and the map itself has no cycle, so rules that
 * hold mean folders that do not import each other round in a circle.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = join(root, '.dependency-cruiser.cjs');
type Layer = [name: string, path: string, may: string[]];
const LAYERS = (createRequire(import.meta.url)(CONFIG) as { LAYERS: Layer[] }).LAYERS;

async function cruiseTree(baseDir: string, knownViolations?: unknown[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfig = extractTSConfig(join(baseDir, 'tsconfig.json'));
  const r = await cruise(
    ['src'],
    { ...options, baseDir, outputType: 'json', ...(knownViolations ? { knownViolations } : {}) } as never,
    undefined,
    { tsConfig },
  );
  return (typeof r.output === 'string' ? JSON.parse(r.output) : r.output) as ICruiseResult;
}

describe('the layer map', () => {
  test('every unit imports only units below it (a topological order: no cycle between folders)', () => {
    const seen = new Set<string>();
    for (const [name, , may] of LAYERS) {
      for (const m of may) expect(seen.has(m), `${name} may import ${m}, which is not below it`).toBe(true);
      expect(seen.has(name), `${name} twice`).toBe(false);
      seen.add(name);
    }
    expect(LAYERS.at(-1)?.[0]).toBe('cli');
    expect(LAYERS.find(([n]) => n === 'cli')?.[2]).toEqual(['index']);
    expect(LAYERS.find(([n]) => n === 'engine')?.[2]).toEqual([]);
    expect(LAYERS.find(([n]) => n === 'model')?.[2]).toEqual(['engine', 'util']);
  });
});

describe('npm run deps on the real tree', () => {
  test('no violation but the known ones, and every module of src/ in exactly one unit of the map', async () => {
    const known = JSON.parse(
      readFileSync(join(root, '.dependency-cruiser-known-violations.json'), 'utf8'),
    ) as unknown[];
    const out = await cruiseTree(root, known);
    expect(
      out.summary.violations
        .filter((v) => v.rule.severity !== 'ignore')
        .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    ).toEqual([]);
    expect(out.summary.error).toBe(0);
    // a module no unit matches would be checked by no layer rule
    const unmatched = out.modules
      .map((m) => m.source)
      .filter(
        (s) => s.startsWith('src/') && LAYERS.filter(([, path]) => new RegExp(path).test(s)).length !== 1,
      );
    expect(unmatched).toEqual([]);
  });
});

describe('each rule fails on a tree that breaks it', () => {
  test('a fixture with one breach per rule reports exactly those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layers-'));
    const w = (file: string, text: string): void => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    w(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true },
        include: ['src'],
      }),
    );
    w('src/engine/clock.ts', "import { m } from '../model/m.js';\nexport const c = m;\n"); // engine imports the model
    w('src/model/m.ts', "import { t } from '../traces/t.js';\nexport const m = t;\n"); // the model imports traces
    w('src/traces/t.ts', 'export const t = 1;\n');
    w('src/util/a.ts', "import { b } from './b.js';\nexport const a = (): number => b();\n"); // a cycle (reported once, from the module cruised first)
    w('src/util/b.ts', "import { a } from './a.js';\nexport const b = (): number => a();\n");
    w('src/providers/p/index.ts', "import { q } from '../q/index.js';\nexport const p = q;\n"); // a provider imports another
    w('src/providers/q/index.ts', 'export const q = 1;\n');
    w('src/providers/shared/s.ts', "import { q } from '../q/index.js';\nexport const s = q;\n"); // shared imports a provider
    w('src/run/r.ts', "import { metricsOk } from '../metrics/ok.js';\nexport const r = metricsOk;\n"); // allowed: run uses metrics
    w('src/metrics/ok.ts', 'export const metricsOk = 1;\n');
    w(
      'src/report/render/x.ts',
      "import { readFileSync } from 'node:fs';\nimport { io } from '../../cli/io.js';\nexport const x = (): string => String(readFileSync) + io;\n",
    ); // a renderer writes and knows the CLI
    w('src/sweep/render.ts', "import { io } from '../cli/io.js';\nexport const y = io;\n"); // a renderer outside report/ knows the CLI
    w(
      'src/cli/io.ts',
      "import { r } from '../run/r.js';\nimport { i } from '../index.js';\nexport const io = String(r) + i;\n",
    ); // the CLI past the public API
    w('src/index.ts', 'export const i = 1;\n');
    const out = await cruiseTree(dir);
    const found = out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'layer-cli: src/cli/io.ts → src/run/r.ts',
      'layer-engine: src/engine/clock.ts → src/model/m.ts',
      'layer-model: src/model/m.ts → src/traces/t.ts',
      'layer-report: src/report/render/x.ts → src/cli/io.ts',
      'layer-sweep: src/sweep/render.ts → src/cli/io.ts',
      'no-circular: src/util/a.ts → src/util/b.ts',
      'providers-not-each-other: src/providers/p/index.ts → src/providers/q/index.ts',
      'renderers-no-cli: src/report/render/x.ts → src/cli/io.ts',
      'renderers-no-cli: src/sweep/render.ts → src/cli/io.ts',
      'renderers-write-nothing: src/report/render/x.ts → fs',
      'shared-not-a-provider: src/providers/shared/s.ts → src/providers/q/index.ts',
    ]);
  });
});

describe('docs/design.md draws the same map', () => {
  test('each row of its table lists exactly what LAYERS lets the unit import', () => {
    const doc = readFileSync(join(root, 'docs/design.md'), 'utf8');
    const unit = (cell: string): string => cell.replace(/`/g, '').replace(/\/$/, '').replace(/\.ts$/, '');
    const rows = doc
      .split('\n')
      .filter((l) => /^\| `[^`]+` \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    const drawn = new Map(rows.map((c) => [unit(c[1] as string), c[3] as string]));
    const names = LAYERS.map(([n]) => n);
    expect([...drawn.keys()].sort()).toEqual([...names].sort());
    for (const [name, , may] of LAYERS) {
      const cell = drawn.get(name) as string;
      const listed =
        cell === 'nothing'
          ? []
          : cell === 'every unit below'
            ? names.slice(0, names.indexOf(name))
            : cell.split(' ').map(unit);
      expect([...listed].sort(), name).toEqual([...may].sort());
    }
  });
});
