/** The --columns map: which header name stands for which logical column (flag text or scenario object). */
import { inputError } from '../../errors.js';
import type { LogicalColumn } from '../trace.js';

/** Aliases accepted for --columns keys, mapped to logical columns. */
const KEY_ALIASES: Record<string, LogicalColumn> = {
  timestamp: 'timestamp',
  time: 'timestamp',
  function: 'function',
  fn: 'function',
  duration: 'duration_ms',
  duration_ms: 'duration_ms',
  init: 'init_ms',
  init_ms: 'init_ms',
  type: 'type',
  memory: 'memory_used_mb',
  memory_used_mb: 'memory_used_mb',
  cpu: 'cpu_ms',
  cpu_ms: 'cpu_ms',
  response_bytes: 'response_bytes',
  cold: 'is_cold',
  is_cold: 'is_cold',
};

/** The logical column a --columns name stands for; own keys only, so `constructor` is no column. */
function logicalOf(name: string): LogicalColumn | undefined {
  const k = name.trim().toLowerCase();
  return Object.hasOwn(KEY_ALIASES, k) ? KEY_ALIASES[k] : undefined;
}

/** Parses `timestamp=ts,duration=took` into a column map; errors name the bad part. */
export function parseColumnMap(text: string): Partial<Record<LogicalColumn, string>> {
  const entries: [string, string][] = [];
  for (const part of text.split(',')) {
    const [k, v, ...rest] = part.split('=');
    if (logicalOf(k ?? '') === undefined || v === undefined || v.trim() === '' || rest.length > 0) {
      throw inputError(
        'BAD_COLUMN_MAP',
        `--columns "${part}" is not NAME=HEADER with NAME one of ${Object.keys(KEY_ALIASES).join(', ')}`,
      );
    }
    entries.push([k as string, v]);
  }
  return columnMapOf(entries, '--columns');
}

/**
 * A column map from NAME → HEADER pairs (the scenario's `columns` object): header names are kept
 * whole (commas and = included), every name must be a column, and no column may be mapped twice.
 */
export function columnMapOf(
  entries: Iterable<[string, string]>,
  what: string,
): Partial<Record<LogicalColumn, string>> {
  const out: Partial<Record<LogicalColumn, string>> = {};
  for (const [k, v] of entries) {
    const key = logicalOf(k);
    if (key === undefined)
      throw inputError(
        'BAD_COLUMN_MAP',
        `${what}: "${k}" is not one of ${Object.keys(KEY_ALIASES).join(', ')}`,
      );
    if (v.trim() === '') throw inputError('BAD_COLUMN_MAP', `${what}: the header name for ${key} is empty`);
    const before = out[key];
    if (before !== undefined)
      throw inputError('BAD_COLUMN_MAP', `${what} maps ${key} twice ("${before}" and "${v.trim()}")`);
    out[key] = v.trim();
  }
  return out;
}
