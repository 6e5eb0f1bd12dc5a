/**
 * A price or platform figure as stored in pricing/*.json: the number, its unit, the address it comes
 * from and the date from which that source attests it. Figures that could not be confirmed from a
 * primary source carry `confirmed: false`, and the report lists them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { inputError, InputError, type Issue } from '../errors.js';

export const FigureSchema = z
  .object({
    value: z.number().refine(Number.isFinite, 'must be a finite number'),
    unit: z.string().min(1),
    source: z.string().regex(/^https?:\/\//, 'must be the http(s) address of the source'),
    effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    confirmed: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

/**
 * Written out rather than z.infer'd: the JSON Schema generator (scripts/schemas.ts) reads interfaces
 * from the source and cannot evaluate zod's types; the check below keeps the two the same.
 */
export interface Figure {
  value: number;
  unit: string;
  source: string;
  effective: string;
  confirmed?: boolean;
  note?: string;
}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const FIGURE_MATCHES_SCHEMA: Same<Figure, z.infer<typeof FigureSchema>> = true;

/** A figure the report should flag: it rests on a source that is not the provider's own. */
export interface UnconfirmedFigure {
  path: string;
  figure: Figure;
}

/** Walks a parsed sheet and lists every figure marked `confirmed: false`, with its dotted path. */
export function unconfirmedFigures(node: unknown, path = ''): UnconfirmedFigure[] {
  if (node === null || typeof node !== 'object') return [];
  const parsed = FigureSchema.safeParse(node);
  // the figure object itself (not zod's copy), so a bill can tell which of the sheet's figures it applied
  if (parsed.success) return parsed.data.confirmed === false ? [{ path, figure: node as Figure }] : [];
  const out: UnconfirmedFigure[] = [];
  for (const [k, v] of Object.entries(node)) out.push(...unconfirmedFigures(v, path ? `${path}.${k}` : k));
  return out;
}

/** Reads a JSON file and validates it with `schema`; errors name the file and the dotted path. */
export function loadJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read ${what}: ${(e as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw inputError('JSON_SYNTAX', `${what} is not valid JSON: ${(e as Error).message}`, { file });
  }
  return validateJson(json, schema, file, what);
}

export function validateJson<T>(json: unknown, schema: z.ZodType<T>, file: string, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new InputError(zodIssues(result.error, file, what));
}

export function zodIssues(error: z.ZodError, file: string, what: string): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in ${what}`;
    return { code: i.code === 'unrecognized_keys' ? 'UNKNOWN_KEY' : 'INVALID_VALUE', message, where: { file, path: path || undefined } };
  });
}
