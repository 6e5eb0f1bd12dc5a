/**
 * Bounds on a trace's values past which a value is a typo or a broken export, not a measurement:
 * a duration of 1e20 ms billed $166,667,500,048 with only a past-the-timeout note, and a timestamp
 * of 1e300 s made a span of 2.8e296 hours. The README's "What faasim refuses, and why" lists them.
 */

/**
 * The longest run time (or INIT) of one request: 7 days, hundreds of times the longest request any
 * platform faasim models allows (AWS Lambda 15 minutes, Cloud Run 60 minutes), so no real trace is
 * refused, while the float64 arithmetic of the bill stays exact to the millisecond.
 */
export const MAX_REQUEST_MS = 7 * 24 * 3_600_000;

/**
 * The largest numeric timestamp, as milliseconds from the epoch (or from the trace's own zero for
 * relative times): the end of year 9999, the last instant an ISO 8601 four-digit year can write,
 * far inside Number.MAX_SAFE_INTEGER ms (year 287,396).
 */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The refusal of a run time (or INIT) over MAX_REQUEST_MS, `text` as the trace wrote it, `ms` as read.
 * Every reader (the CSV rows, the importers through TraceBuilder) says it in these words.
 */
export function tooLongMessage(text: string, ms: number, what: 'a run time' | 'an INIT'): string {
  // past 1e21 (where JavaScript itself writes numbers with an exponent) digits would run to hundreds
  const shown = ms < 1e21 ? ms.toLocaleString('en-US') : ms.toExponential();
  return `"${text}" is ${what} of ${shown} ms, more than ${MAX_REQUEST_MS.toLocaleString('en-US')} ms (7 days), the longest faasim reads: no platform it models runs a request that long (AWS Lambda stops at 15 minutes, Cloud Run at 60)`;
}

/** The refusal of a timestamp past MAX_TIMESTAMP_MS, `text` in `unit` as the trace wrote it. */
export function tooLateMessage(text: string, unit: string): string {
  return `"${text}" ${unit} is past the end of year 9999 (${MAX_TIMESTAMP_MS.toLocaleString('en-US')} ms from the epoch), the latest time faasim reads`;
}

/**
 * Why a name with U+FFFD is refused. Every reader decodes the bytes of a field as UTF-8 with U+FFFD
 * for a byte that is not part of a UTF-8 character, so two names differing only in such bytes (café
 * in Latin-1 and cafè) would become one function, silently. The bytes before the first U+FFFD were
 * valid UTF-8, so the UTF-8 length of the text before it is the byte offset in the name. Null when
 * the name has no U+FFFD.
 */
export function notUtf8Message(name: string, what: 'function' | 'app' = 'function'): string | null {
  const bad = name.indexOf('\uFFFD');
  if (bad < 0) return null;
  const at = Buffer.byteLength(name.slice(0, bad), 'utf8');
  return `${what} name ${JSON.stringify(name)} is not valid UTF-8: its byte at offset ${at} (0-based, in the name) is not part of a UTF-8 character (shown as U+FFFD), and names differing only there would be merged into one ${what}; save the trace as UTF-8 (for example: iconv -f LATIN1 -t UTF-8)`;
}
