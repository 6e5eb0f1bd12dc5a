/**
 * `npm run schemas`: writes schemas/*.schema.json (JSON Schema draft 2020-12) for the scenario file,
 * every provider's price sheet and every `--format json` output. test/schemas/schemas.test.ts checks
 * that the committed files equal what this generates, so a schema never drifts from the code.
 *
 * Inputs (scenario, price sheets) are zod schemas: z.toJSONSchema writes them. Outputs are
 * TypeScript interfaces: ts-json-schema-generator reads them from the source, and every number is
 * then allowed to be null, because the JSON renderers write an undefined figure (NaN, Infinity:
 * a p99 of no requests, no concurrency limit) as null.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  SchemaGenerator,
} from 'ts-json-schema-generator';
import { sheetSchemas } from '../src/providers/sheets.js';
import { NAMED_RECORD_VALUES, scenarioSchema } from '../src/scenario/schema.js';
import { packageRoot } from '../src/pricing/dir.js';

/** each `--format json` output: schema name, file, the interface and where it is declared */
export const OUTPUTS = [
  {
    schema: 'faasim.simulate/v1',
    file: 'simulate.v1.schema.json',
    type: 'SimulationResult',
    path: 'src/run/result.ts',
  },
  {
    schema: 'faasim.compare/v1',
    file: 'compare.v1.schema.json',
    type: 'ComparisonResult',
    path: 'src/run/compare-result.ts',
  },
  {
    schema: 'faasim.keep-warm/v1',
    file: 'keep-warm.v1.schema.json',
    type: 'KeepWarmComparison',
    path: 'src/keep-warm/compare.ts',
  },
  {
    schema: 'faasim.sweep/v1',
    file: 'sweep.v1.schema.json',
    type: 'SweepReport',
    path: 'src/sweep/types.ts',
  },
  {
    schema: 'faasim.inspect/v1',
    file: 'inspect.v1.schema.json',
    type: 'InspectReport',
    path: 'src/inspect/inspect.ts',
  },
  {
    schema: 'faasim-calibration/1',
    file: 'calibrate.v1.schema.json',
    type: 'CalibrationResult',
    path: 'src/calibrate/calibrate.ts',
  },
  {
    schema: 'faasim.sweep-shard/v1',
    file: 'sweep-shard.v1.schema.json',
    type: 'SweepShard',
    path: 'src/sweep/shard.ts',
  },
] as const;

/** Outputs whose NaN, ±Infinity and −0 are written as {"$num": "NaN"} (src/sweep/shard.ts), not as null. */
const TAGGED_NUMBERS: ReadonlySet<string> = new Set(['faasim.sweep-shard/v1']);

type Json = Record<string, unknown>;

/** file name → file text, in a fixed order */
export function generateSchemas(root = packageRoot()): Map<string, string> {
  const out = new Map<string, string>();
  const write = (file: string, schema: Json): void => {
    out.set(file, JSON.stringify(schema, null, 2) + '\n');
  };

  write('scenario.schema.json', {
    ...head(
      'scenario.schema.json',
      'faasim scenario file',
      'Every simulation setting a flag can say (README "Scenario files"); flags override it.',
    ),
    ...zodJsonSchema(scenarioSchema()),
  });
  for (const [id, schema] of Object.entries(sheetSchemas())) {
    const file = `price-sheet.${id}.schema.json`;
    write(file, {
      ...head(
        file,
        `faasim price sheet: ${id}`,
        `pricing/${id}.json: every figure with its unit, source and effective date.`,
      ),
      ...zodJsonSchema(schema),
    });
  }
  // one TypeScript program for every output type: building it is most of the time, and each output's
  // file imports much of src/ (a program per output took ~6 programs' time)
  const base = {
    tsconfig: join(root, 'tsconfig.json'),
    expose: 'export',
    topRef: false,
    jsDoc: 'basic',
    additionalProperties: false,
    skipTypeCheck: true,
  } as const;
  const tsProgram = createProgram({
    ...DEFAULT_CONFIG,
    ...base,
    path: join(root, `{${OUTPUTS.map((o) => o.path).join(',')}}`),
  });
  for (const o of OUTPUTS) {
    // createGenerator's own steps on the shared program (its tsProgram option needs Node 22's 2.5+)
    const config = { ...DEFAULT_CONFIG, ...base, path: join(root, o.path), type: o.type };
    const generated = new SchemaGenerator(
      tsProgram,
      createParser(tsProgram, config),
      createFormatter(config),
      config,
    ).createSchema(o.type) as Json;
    delete generated['$schema'];
    const tagged = TAGGED_NUMBERS.has(o.schema);
    write(o.file, {
      ...head(
        o.file,
        `faasim ${o.schema}`,
        tagged
          ? `faasim's JSON with "schema": "${o.schema}" (docs/json-schema.md). NaN, ±Infinity and −0 are {"$num": "NaN"}, {"$num": "Infinity"}, {"$num": "-Infinity"}, {"$num": "-0"}.`
          : `faasim's --format json output with "schema": "${o.schema}" (docs/json-schema.md). Undefined figures are null.`,
      ),
      ...((tagged ? taggedNumbers(generated) : nullableNumbers(generated)) as Json),
    });
  }
  return out;
}

/** no $id: the package has no published address; editors take the file by relative path ("$schema": "../schemas/scenario.schema.json") */
/** a zod schema as JSON Schema, the input side (what a file may hold); named records as objects of their value schema */
function zodJsonSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const value = NAMED_RECORD_VALUES.get(ctx.zodSchema as unknown as z.ZodType);
      if (!value) return;
      const inner = zodJsonSchema(value);
      delete inner['$schema'];
      for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
      Object.assign(ctx.jsonSchema, { type: 'object', additionalProperties: inner });
    },
  }) as Json;
  delete json['$schema'];
  return json;
}

function head(_file: string, title: string, description: string): Json {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, description };
}

/** {"type": "number"} → {"type": ["number", "null"]}, everywhere in the tree */
function nullableNumbers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableNumbers);
  if (node === null || typeof node !== 'object') return node;
  const o: Json = {};
  for (const [k, v] of Object.entries(node as Json)) o[k] = nullableNumbers(v);
  if (o['type'] === 'number') o['type'] = ['number', 'null'];
  else if (Array.isArray(o['type']) && o['type'].includes('number') && !o['type'].includes('null'))
    o['type'] = [...o['type'], 'null'];
  return o;
}

const TAGGED_NUMBER = {
  type: 'object',
  properties: { $num: { enum: ['NaN', 'Infinity', '-Infinity', '-0'] } },
  required: ['$num'],
  additionalProperties: false,
};

/** {"type": "number"} → a number or {"$num": "NaN" | …}, everywhere in the tree (toShardJson's encoding) */
function taggedNumbers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(taggedNumbers);
  if (node === null || typeof node !== 'object') return node;
  const o: Json = {};
  for (const [k, v] of Object.entries(node as Json)) o[k] = taggedNumbers(v);
  if (o['type'] === 'number') {
    const { type: _type, ...rest } = o;
    return { anyOf: [{ type: 'number', ...rest }, TAGGED_NUMBER] };
  }
  if (Array.isArray(o['type']) && o['type'].includes('number')) {
    const { type, ...rest } = o;
    return { anyOf: [{ type, ...rest }, TAGGED_NUMBER] };
  }
  return o;
}

/** Writes the files, removing stale ones. */
export function writeSchemas(root = packageRoot()): string[] {
  const dir = join(root, 'schemas');
  const files = generateSchemas(root);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.schema.json') && !files.has(f)) rmSync(join(dir, f));
  for (const [f, text] of files) writeFileSync(join(dir, f), text);
  return [...files.keys()];
}

if (process.argv[1] !== undefined && /schemas\.(js|ts)$/.test(process.argv[1])) {
  const written = writeSchemas();
  process.stdout.write(`schemas/: ${written.length} files written\n`);
}
