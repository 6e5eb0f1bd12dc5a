/**
 * The strict JSON reader for hand-written files: values as JSON.parse reads them, and each mistake
 * named with its line and column (columns count from 1; a tab is one column).
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { MAX_JSON_DEPTH, parseJsonText, parseJsonWithPositions } from '../../src/util/json.js';

const read = (text: string): unknown => parseJsonText(text, 'f.json', 'scenario');

/** The one issue `text` is refused with, as the CLI prints it. */
function refusal(text: string): string {
  try {
    read(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.code).toBe('JSON_SYNTAX');
    expect(err.issues[0]?.where.file).toBe('f.json');
    return err.message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('values', () => {
  test('the same values JSON.parse gives, for every kind', () => {
    const text =
      '{"s": "a\\u0041\\n\\t\\"\\\\\\/", "n": [-0.5e2, 0, 12.25, 1E3], "b": [true, false, null], "o": {"e": {}, "l": []}}';
    expect(read(text)).toEqual(JSON.parse(text));
    expect(read(text)).toEqual({
      s: 'aA\n\t"\\/',
      n: [-50, 0, 12.25, 1000],
      b: [true, false, null],
      o: { e: {}, l: [] },
    });
  });

  test('objects have no prototype: "__proto__" is a key like any other', () => {
    const v = read('{"__proto__": {"polluted": 1}, "a": 2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a UTF-8 byte-order mark is skipped; whitespace with CR LF line ends is allowed', () => {
    expect(read('\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(read('{\r\n\t"a": 1\r\n}\r\n')).toEqual({ a: 1 });
  });
});

describe('mistakes, at their line and column', () => {
  test('a missing colon: line 3, column 7 is the "2" after `  "b" `', () => {
    expect(refusal('{\n  "a": 1,\n  "b" 2\n}')).toBe(
      'f.json: scenario is not valid JSON: line 3, column 7: unexpected "2"; expected ":" after the key "b"',
    );
  });

  test('a key given twice points at the second and names the first line', () => {
    expect(refusal('{"a": 1,\n "a": 2}')).toBe(
      'f.json: scenario is not valid JSON: line 2, column 2: key "a" is given twice in one object (first on line 1)',
    );
  });

  test('a trailing comma, a missing comma, a single-quoted key', () => {
    expect(refusal('{"a": 1,}')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 9: unexpected "}"; expected a key in double quotes',
    );
    expect(refusal('[1 2]')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 4: unexpected "2"; expected "," or "]" in a list',
    );
    expect(refusal('{"a": 1 "b": 2}')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 9: unexpected """; expected "," or "}" after the value of "a"',
    );
    expect(refusal("{'a': 1}")).toBe(
      'f.json: scenario is not valid JSON: line 1, column 2: unexpected "\'"; expected a key in double quotes',
    );
  });

  test('strings: unclosed at the end of its line (pointing at the opening quote), raw controls, bad escapes', () => {
    expect(refusal('{"a": "abc\n}')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 7: a string opened here is not closed before the end of its line',
    );
    expect(refusal('"abc')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 1: a string opened here is not closed',
    );
    expect(refusal('"a\tb"')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 3: character U+0009 inside a string; write it as an escape such as \\n or \\u001b',
    );
    expect(refusal('"a\\x41"')).toMatch(/line 1, column 3: a backslash in a string starts an escape/);
    expect(refusal('"\\u12G4"')).toMatch(/line 1, column 2: a backslash in a string starts an escape/);
  });

  test('empty, trailing content, bare words, leading zeros', () => {
    expect(refusal('  \n ')).toBe(
      'f.json: scenario is not valid JSON: line 2, column 2: the scenario is empty; expected a JSON object',
    );
    expect(refusal('{} {}')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 4: unexpected "{" after the end of the JSON value',
    );
    expect(refusal('[undefined]')).toMatch(/line 1, column 2: unexpected "u"; expected a value/);
    // "01": the number is 0, then a stray "1"
    expect(refusal('01')).toBe(
      'f.json: scenario is not valid JSON: line 1, column 2: unexpected "1" after the end of the JSON value',
    );
    expect(refusal('[-]')).toMatch(/line 1, column 2: unexpected "-"; expected a number/);
  });

  test(`nesting is bounded at ${MAX_JSON_DEPTH} levels below the top value, so a hostile file cannot overflow the stack`, () => {
    // the top value is at depth 0, so 257 nested lists reach depth 256: allowed; 258 are refused
    const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(() => read(nested(MAX_JSON_DEPTH + 1))).not.toThrow();
    expect(refusal(nested(MAX_JSON_DEPTH + 2))).toBe(
      `f.json: scenario is not valid JSON: line 1, column ${MAX_JSON_DEPTH + 2}: nested more than ${MAX_JSON_DEPTH} levels deep`,
    );
    expect(() => read(nested(100_000))).toThrow(InputError);
  });
});

describe('parseJsonWithPositions', () => {
  test('where each value and each key starts', () => {
    const { value, at } = parseJsonWithPositions(
      '{\n  "fns": {\n    "api": {"memoryMb": 512}\n  },\n  "list": [1, "x"]\n}',
      'f.json',
      'scenario',
    );
    expect(value).toEqual({ fns: { api: { memoryMb: 512 } }, list: [1, 'x'] });
    expect(at([])).toEqual({ line: 1, column: 1 });
    expect(at(['fns', 'api', 'memoryMb'])).toEqual({ line: 3, column: 25 });
    // a key's own position: where its opening quote is
    expect(at(['fns', 'api'], 'memoryMb')).toEqual({ line: 3, column: 13 });
    expect(at(['list', 1])).toEqual({ line: 5, column: 15 });
    // a key that is not there falls back to its object's position
    expect(at(['fns'], 'nope')).toEqual({ line: 2, column: 10 });
    expect(at(['missing'])).toBeUndefined();
  });
});
