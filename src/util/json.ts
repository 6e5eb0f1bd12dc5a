/**
 * Strict JSON for files people write by hand (scenarios, price sheets): errors give line and column
 * (JSON.parse says "position 79"), a key given twice in one object is an error naming both lines (JSON.parse keeps
 * the last silently), a UTF-8 byte-order mark is skipped, and nesting is bounded so that a hostile
 * file cannot overflow the stack. Objects get a null prototype, so any key (`__proto__`) is data.
 */
import { inputError } from '../errors.js';

/** Deeper nesting than any scenario needs; a recursion limit, not a size limit. */
export const MAX_JSON_DEPTH = 256;

export function parseJsonText(text: string, file: string, what: string): unknown {
  return new JsonReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file, what).document();
}

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * parseJsonText, and where each value and key starts: `faasim validate` points at the line and
 * column of every schema problem, not only of syntax errors. Positions are keyed by the path
 * (JSON.stringify of its keys and indexes); `key` gives a key's own position (for unknown keys).
 */
export function parseJsonWithPositions(
  text: string,
  file: string,
  what: string,
): { value: unknown; at: (path: readonly PropertyKey[], key?: string) => TextPosition | undefined } {
  const positions = new Map<string, TextPosition>();
  const value = new JsonReader(
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    file,
    what,
    positions,
  ).document();
  const id = (path: readonly PropertyKey[]): string =>
    JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));
  return {
    value,
    at: (path, key) =>
      (key !== undefined ? positions.get(`key:${id([...path, key])}`) : undefined) ?? positions.get(id(path)),
  };
}

class JsonReader {
  #i = 0;
  #line = 1;
  #lineStart = 0;
  readonly #text: string;
  readonly #file: string;
  readonly #what: string;
  /** only when asked for (parseJsonWithPositions): the path to the value being read, and where each starts */
  readonly #positions: Map<string, TextPosition> | undefined;
  readonly #path: (string | number)[] = [];

  constructor(text: string, file: string, what: string, positions?: Map<string, TextPosition>) {
    this.#text = text;
    this.#file = file;
    this.#what = what;
    this.#positions = positions;
  }

  #mark(): void {
    this.#positions?.set(JSON.stringify(this.#path), {
      line: this.#line,
      column: this.#i - this.#lineStart + 1,
    });
  }

  document(): unknown {
    this.#space();
    if (this.#i >= this.#text.length) this.#fail(`the ${this.#what} is empty; expected a JSON object`);
    const v = this.#value(0);
    this.#space();
    if (this.#i < this.#text.length)
      this.#fail(`unexpected ${this.#shown()} after the end of the JSON value`);
    return v;
  }

  #fail(message: string, line = this.#line, column = this.#i - this.#lineStart + 1): never {
    throw inputError(
      'JSON_SYNTAX',
      `${this.#what} is not valid JSON: line ${line}, column ${column}: ${message}`,
      { file: this.#file },
    );
  }

  /** the character at the cursor, as a user can read it */
  #shown(): string {
    if (this.#i >= this.#text.length) return 'end of file';
    const c = this.#text[this.#i] as string;
    return /[\x20-\x7e]/.test(c)
      ? `"${c}"`
      : `character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }

  #space(): void {
    const t = this.#text;
    for (;;) {
      const c = t.charCodeAt(this.#i);
      if (c === 0x0a) {
        this.#i++;
        this.#line++;
        this.#lineStart = this.#i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) this.#i++;
      else return;
    }
  }

  #value(depth: number): unknown {
    if (depth > MAX_JSON_DEPTH) this.#fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.#mark();
    const c = this.#text[this.#i];
    if (c === '{') return this.#object(depth);
    if (c === '[') return this.#array(depth);
    if (c === '"') return this.#string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.#number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.#text.startsWith(word, this.#i)) {
        this.#i += word.length;
        return v;
      }
    }
    return this.#fail(
      `unexpected ${this.#shown()}; expected a value (an object, array, string, number, true, false or null)`,
    );
  }

  #object(depth: number): Record<string, unknown> {
    const out = Object.create(null) as Record<string, unknown>;
    const lineOf = new Map<string, number>();
    this.#i++;
    this.#space();
    if (this.#text[this.#i] === '}') {
      this.#i++;
      return out;
    }
    for (;;) {
      if (this.#text[this.#i] !== '"')
        this.#fail(`unexpected ${this.#shown()}; expected a key in double quotes`);
      const keyLine = this.#line;
      const keyColumn = this.#i - this.#lineStart + 1;
      const key = this.#string();
      if (this.#positions) {
        this.#path.push(key);
        this.#positions.set('key:' + JSON.stringify(this.#path), { line: keyLine, column: keyColumn });
        this.#path.pop();
      }
      const first = lineOf.get(key);
      if (first !== undefined)
        this.#fail(`key "${key}" is given twice in one object (first on line ${first})`, keyLine, keyColumn);
      lineOf.set(key, keyLine);
      this.#space();
      if (this.#text[this.#i] !== ':')
        this.#fail(`unexpected ${this.#shown()}; expected ":" after the key "${key}"`);
      this.#i++;
      this.#space();
      if (this.#positions) this.#path.push(key);
      out[key] = this.#value(depth + 1);
      if (this.#positions) this.#path.pop();
      this.#space();
      const c = this.#text[this.#i];
      this.#i++;
      if (c === '}') return out;
      if (c !== ',') {
        this.#i--;
        this.#fail(`unexpected ${this.#shown()}; expected "," or "}" after the value of "${key}"`);
      }
      this.#space();
    }
  }

  #array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.#i++;
    this.#space();
    if (this.#text[this.#i] === ']') {
      this.#i++;
      return out;
    }
    for (;;) {
      if (this.#positions) this.#path.push(out.length);
      out.push(this.#value(depth + 1));
      if (this.#positions) this.#path.pop();
      this.#space();
      const c = this.#text[this.#i];
      this.#i++;
      if (c === ']') return out;
      if (c !== ',') {
        this.#i--;
        this.#fail(`unexpected ${this.#shown()}; expected "," or "]" in a list`);
      }
      this.#space();
    }
  }

  #string(): string {
    const t = this.#text;
    const start = this.#i;
    let i = start + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= t.length) {
        this.#i = start;
        this.#fail('a string opened here is not closed');
      }
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x0a || c === 0x0d) {
        // most likely a missing closing quote: point at the opening one
        this.#i = start;
        this.#fail('a string opened here is not closed before the end of its line');
      }
      if (c < 0x20) {
        this.#i = i;
        this.#fail(`${this.#shown()} inside a string; write it as an escape such as \\n or \\u001b`);
      }
      if (c === 0x5c) {
        out += t.slice(run, i);
        const e = t[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          this.#i = i;
          this.#fail('a backslash in a string starts an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
        }
        run = i;
        continue;
      }
      i++;
    }
    out += t.slice(run, i);
    this.#i = i + 1;
    return out;
  }

  #number(): number {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.#i;
    const found = m.exec(this.#text);
    if (!found) this.#fail(`unexpected ${this.#shown()}; expected a number`);
    this.#i += found[0].length;
    return Number(found[0]);
  }
}
