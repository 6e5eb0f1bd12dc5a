/**
 * `faasim validate FILE`: checks a scenario or a price sheet without running anything (issue 13 §4).
 * The same reader (line and column of syntax errors, keys given twice, size and depth bounds) and the
 * same zod schemas as a run, so "valid" means a run will read the file; every schema problem is
 * reported with the line and column where its value (or unknown key) starts.
 */
import type { ZodType } from 'zod';
import { formatIssue, InputError, type Issue } from './errors.js';
import { didYouMean } from './pricing/figure.js';
import { sheetSchemas } from './providers/sheets.js';
import { parseJsonWithPositions, type TextPosition } from './scenario/json.js';
import { MAX_SCENARIO_BYTES, readBoundedText } from './scenario/read-file.js';
import { resolveRun, type Settings } from './scenario/resolve.js';
import { scenarioSchema } from './scenario/schema.js';

export type FileKind = 'scenario' | 'price-sheet';

export interface Problem {
  line: number | null;
  column: number | null;
  /** dotted path of the value, empty for the whole document */
  path: string;
  message: string;
}

export interface Validation {
  file: string;
  kind: FileKind;
  /** the provider a price sheet is for */
  provider: string | null;
  problems: Problem[];
}

/** A price sheet names its provider and currency; anything else is read as a scenario. */
function kindOf(json: unknown): FileKind {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'scenario';
  const o = json as Record<string, unknown>;
  return typeof o['provider'] === 'string' && typeof o['currency'] === 'string' && 'regions' in o
    ? 'price-sheet'
    : 'scenario';
}

/** Reads and checks a file; syntax errors and unreadable files are thrown (InputError), schema problems returned. */
export function validateFile(file: string, kind?: FileKind): Validation {
  const text = readBoundedText(file, MAX_SCENARIO_BYTES, kind ?? 'file');
  const { value, at } = parseJsonWithPositions(text, file, kind ?? 'file');
  const k = kind ?? kindOf(value);
  if (k === 'price-sheet') return validateSheet(file, value, at);
  const problems = zodProblems(scenarioSchema().safeParse(value), at, scenarioSchema());
  if (problems.length === 0) problems.push(...settingProblems(file, value as Settings, at));
  return { file, kind: 'scenario', provider: null, problems };
}

type At = (path: readonly PropertyKey[], key?: string) => TextPosition | undefined;

function validateSheet(file: string, value: unknown, at: At): Validation {
  const provider =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['provider'] : undefined;
  const schemas = sheetSchemas();
  const schema =
    typeof provider === 'string' && Object.hasOwn(schemas, provider) ? schemas[provider] : undefined;
  if (!schema) {
    const pos = at(['provider']) ?? at([]);
    const known = Object.keys(schemas).join(', ');
    return {
      file,
      kind: 'price-sheet',
      provider: null,
      problems: [
        {
          line: pos?.line ?? null,
          column: pos?.column ?? null,
          path: 'provider',
          message: `a price sheet's "provider" must be one of ${known}`,
        },
      ],
    };
  }
  return {
    file,
    kind: 'price-sheet',
    provider: provider as string,
    problems: zodProblems(schema.safeParse(value), at, schema),
  };
}

function zodProblems(
  result: {
    success: boolean;
    error?: {
      issues: readonly {
        path: readonly PropertyKey[];
        message: string;
        code: string;
        keys?: readonly string[];
      }[];
    };
  },
  at: At,
  schema: ZodType,
): Problem[] {
  if (result.success || !result.error) return [];
  const out: Problem[] = [];
  for (const i of result.error.issues) {
    const path = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys) {
      // one problem per unknown key, at the key itself
      for (const key of i.keys) {
        const pos = at(i.path, key);
        out.push({
          line: pos?.line ?? null,
          column: pos?.column ?? null,
          path: path ? `${path}.${key}` : key,
          message: `unknown key "${key}"${didYouMean([key], schema, i.path)}`,
        });
      }
      continue;
    }
    // a missing key has no position of its own: point at the object that lacks it
    let pos: TextPosition | undefined;
    for (let n = i.path.length; n >= 0 && pos === undefined; n--) pos = at(i.path.slice(0, n));
    out.push({ line: pos?.line ?? null, column: pos?.column ?? null, path, message: i.message });
  }
  return out;
}

/**
 * What the schema cannot say (a keep-alive "10 parsecs", a distribution, a ping spec) is checked by
 * the code a run uses to turn settings into a configuration; it stops at the first problem. A
 * scenario without a trace is valid (the trace may be given on the command line).
 */
function settingProblems(file: string, settings: Settings, at: At): Problem[] {
  try {
    resolveRun({ file, settings }, settings.trace === undefined ? { trace: '-' } : {}, {});
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.issues.map((i: Issue) => {
      // resolveRun names a scenario setting as "FILE: key"
      const key = new RegExp(`^${escapeRegExp(file)}: ([A-Za-z$]+)`).exec(i.message)?.[1];
      const pos = key !== undefined ? (at([key]) ?? null) : null;
      const message =
        key !== undefined ? i.message.slice(file.length + 2 + key.length).trimStart() : formatIssue(i);
      return {
        line: pos?.line ?? null,
        column: pos?.column ?? null,
        path: key ?? i.where.path ?? '',
        message,
      };
    });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One line per problem: FILE:LINE:COLUMN: path: message. */
export function formatProblem(file: string, p: Problem): string {
  const where = p.line !== null ? `${file}:${p.line}:${p.column}` : file;
  return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
