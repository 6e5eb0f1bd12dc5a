/** Control and bidi characters from a user's file are written as escapes, never sent to the terminal. */
import { describe, expect, test } from 'vitest';
import { escapeControls, escapeInline } from '../../src/util/escape.js';

describe('escapeControls (messages: lines and tabs kept)', () => {
  test('ESC, NUL, DEL and C1 as \\xNN; tab and line feed kept; printable text untouched', () => {
    expect(escapeControls('a\x1b[31mb')).toBe('a\\x1b[31mb');
    expect(escapeControls('\x00\x7f\x85\x9f')).toBe('\\x00\\x7f\\x85\\x9f');
    expect(escapeControls('one\ttwo\nthree')).toBe('one\ttwo\nthree');
    expect(escapeControls('\r')).toBe('\\x0d');
    // é (U+00E9) and ¡ (U+00A1) are past the C1 block (U+0080–U+009F): printable
    expect(escapeControls('café ¡sí! 函数')).toBe('café ¡sí! 函数');
  });

  test('bidi overrides, isolates, marks and line/paragraph separators as \\uNNNN', () => {
    expect(escapeControls('x\u202ey')).toBe('x\\u202ey');
    expect(escapeControls('\u061c\u200e\u200f\u2028\u2029\u202a\u2066\u2069')).toBe(
      '\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u2066\\u2069',
    );
    // just outside the ranges: U+2065 and U+206A stay
    expect(escapeControls('\u2065\u206a')).toBe('\u2065\u206a');
  });
});

describe('escapeInline (one cell or name: line feeds and tabs escaped too)', () => {
  test('a name with a newline stays on one line', () => {
    expect(escapeInline('fn\nname')).toBe('fn\\x0aname');
    expect(escapeInline('a\tb')).toBe('a\\x09b');
    expect(escapeInline('\x1b\u202e')).toBe('\\x1b\\u202e');
    expect(escapeInline('plain-name_01')).toBe('plain-name_01');
  });
});
