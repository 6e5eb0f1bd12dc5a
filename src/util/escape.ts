/**
 * Text from a user's file (a function name, a cell, a flag value) echoed to a terminal must not
 * drive it: ESC starts colour and cursor sequences, NUL and other C0/C1 controls corrupt the
 * display, bidi overrides reorder what is shown. They are written as escapes instead: \x1b, \u202e.
 */
// C0 except tab and line feed, DEL, C1, bidi embeddings/overrides/isolates, line/paragraph separators
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_NEWLINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every control and bidi character escaped; line feeds and tabs kept (a message may span lines). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** Every control and bidi character escaped, line feeds and tabs too: for one table cell or one name. */
export function escapeInline(text: string): string {
  return text.replace(CONTROL_OR_NEWLINE, escapeChar);
}
