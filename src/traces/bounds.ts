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
