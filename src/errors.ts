/**
 * Errors the library throws. The CLI alone maps them to exit codes:
 * InputError → 2 (the user fixes a file or a flag), anything else → 3 (a bug; please report).
 */

/** Where a problem is: a file, and optionally a line (1-based) and a column. */
export interface Location {
  file?: string;
  line?: number;
  /** the column's name in the header */
  column?: string;
  /** the column's 1-based position in its row: printed with the name, `column 3 (duration_ms)` */
  columnNumber?: number;
  /** dotted path inside a JSON document, e.g. `functions.api.memoryMb` */
  path?: string;
}

export interface Issue {
  /** stable code that tests assert on, e.g. TRACE_BAD_NUMBER */
  code: string;
  message: string;
  where: Location;
}

/** `column 3 (duration_ms)`, or '' when the position is not known. */
function formatColumn(where: Location): string {
  if (where.columnNumber === undefined) return '';
  return `column ${where.columnNumber}${where.column !== undefined ? ` (${where.column})` : ''}`;
}

function formatLocation(where: Location): string {
  let s = where.file ?? '';
  if (where.line !== undefined) s += `:${where.line}`;
  const column = formatColumn(where);
  if (column) s += s ? `: ${column}` : column;
  if (where.path !== undefined) s += s ? ` ${where.path}` : where.path;
  return s;
}

/** A skipped row's reason (--skip-bad-rows): `line 3: column 2 (duration_ms): message`. */
export function skipReason(where: Location, message: string): string {
  const column = formatColumn(where);
  const at = [where.line !== undefined ? `line ${where.line}` : '', column].filter((s) => s !== '');
  return at.length > 0 ? `${at.join(': ')}: ${message}` : message;
}

export function formatIssue(issue: Issue): string {
  const at = formatLocation(issue.where);
  return at ? `${at}: ${issue.message}` : issue.message;
}

/** Bad input: a trace, scenario, price sheet or flag the user must fix. */
export class InputError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[] | Issue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = list;
  }

  get code(): string {
    return this.issues[0]?.code ?? 'INPUT';
  }
}

export function inputError(code: string, message: string, where: Location = {}): InputError {
  return new InputError({ code, message, where });
}
