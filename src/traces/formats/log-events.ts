/**
 * CloudWatch log events as the AWS CLI returns them in JSON: `aws logs filter-log-events`
 * (`{"events":[{"logStreamName","timestamp","message","ingestionTime","eventId"}…],"nextToken"?}`)
 * and `aws logs get-log-events` (`{"events":[{"timestamp","message","ingestionTime"}…],
 * "nextForwardToken","nextBackwardToken"}`). Read whole: one JSON document.
 *
 * An event whose message is a REPORT line (report-line.ts) is a request; other events (START, END,
 * app logs) are counted and ignored. `timestamp` (epoch ms) is the REPORT line's log time, the end
 * of the invocation, as with the text log readers: arrival = timestamp − Duration − Init Duration.
 * A `/aws/lambda/NAME` in the event's log group (`logGroupName`, `logGroupIdentifier`, where the
 * output has one) or log stream names the function, as a token of a text log's prefix does; the log
 * stream names Lambda writes (`2023/12/05/[$LATEST]…`) do not. A `nextToken` means the output is one
 * page of several: a note says so (get-log-events always returns its tokens, last page or not).
 */
import { inputError } from '../../errors.js';
import type { TraceInfo } from '../trace.js';
import { TraceBuilder, type OnChunk } from './builder.js';
import { BilledCheck, functionSource, MemorySizes, REPORT_DERIVED } from './cloudwatch-report.js';
import { readWhole } from './logs-insights.js';
import { lambdaGroupName } from './log-prefix.js';
import type { ImportOptions } from './options.js';
import { parseReportFields, REPORT_MARK, type ReportFields } from './report-line.js';

export const MORE_PAGES_NOTE =
  'the log events JSON has a nextToken: more pages of events exist and were not read (run the command again with --starting-token TOKEN, or let the AWS CLI page through them: leave out --max-items)';

export async function readLogEventsJson(
  file: string,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo> {
  const b = new TraceBuilder(
    file,
    'log-events-json',
    {
      timestamp: 'timestamp − Duration − Init Duration',
      function: opts.functionName ? '--function-name' : 'log group',
      duration_ms: 'Duration',
      init_ms: 'Init Duration',
      memory_used_mb: 'Max Memory Used',
    },
    opts,
    onChunk,
  );
  try {
    const text = await readWhole(file, opts);
    let doc: unknown;
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw inputError(
        'EVENTS_BAD_JSON',
        `not valid JSON (${(e as Error).message}); expected aws logs filter-log-events or get-log-events output ({"events":[{"timestamp","message"}…]})`,
        { file },
      );
    }
    const events = (doc as { events?: unknown } | null)?.events;
    if (doc === null || typeof doc !== 'object' || !Array.isArray(events))
      throw inputError(
        'EVENTS_BAD_JSON',
        'expected aws logs filter-log-events or get-log-events output ({"events":[{"timestamp","message"}…]})',
        { file },
      );
    const f: ReportFields = { durationMs: 0, billedMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0, initMs: NaN };
    const sizes = new MemorySizes();
    const billed = new BilledCheck();
    const fixedFn = opts.functionName !== undefined ? b.fn(opts.functionName) : -1;
    let named = false;
    events.forEach((ev: unknown, i) => {
      const where = { path: `events[${i}]` };
      if (ev === null || typeof ev !== 'object' || Array.isArray(ev)) {
        b.bad('EVENTS_BAD_EVENT', 'expected an event object {"timestamp", "message", …}', where);
        return;
      }
      const e = ev as Record<string, unknown>;
      if (typeof e.message !== 'string') {
        b.bad('EVENTS_BAD_EVENT', 'message is missing or not a string', { ...where, column: 'message' });
        return;
      }
      const msg = e.message;
      const at = msg.indexOf(REPORT_MARK);
      if (at < 0) {
        b.ignoredLines++;
        return;
      }
      const ts = e.timestamp;
      if (typeof ts !== 'number' || !Number.isFinite(ts)) {
        b.bad(
          'EVENTS_BAD_TIMESTAMP',
          `timestamp ${JSON.stringify(ts) ?? 'missing'} is not a time in epoch milliseconds (such as 1701814483877)`,
          { ...where, column: 'timestamp' },
        );
        return;
      }
      if (b.refusesTime(ts, String(ts), 'ms', { ...where, column: 'timestamp' })) return;
      const expected = parseReportFields(msg, at, msg.length, f);
      if (expected !== null) {
        b.bad('REPORT_BAD_LINE', `message is a REPORT line without ${expected}`, {
          ...where,
          column: 'message',
        });
        return;
      }
      let fn = fixedFn;
      if (fn < 0) {
        let group: string | null = null;
        for (const k of ['logGroupName', 'logGroupIdentifier', 'logStreamName']) {
          const v = e[k];
          if (typeof v === 'string') group = lambdaGroupName(v);
          if (group !== null) {
            if (b.refusesName(group, { ...where, column: k })) return;
            break;
          }
        }
        if (group !== null) named = true;
        fn = b.fn(group ?? 'function');
      }
      const init = f.initMs;
      const at2 = { ...where, column: 'message' };
      if (b.refusesLength(f.durationMs, f.durationMs, 'a run time', at2)) return;
      if (init >= 0 && b.refusesLength(init, init, 'an INIT', at2)) return;
      sizes.add(f.memorySizeMb);
      billed.check(f.durationMs, f.billedMs, init, () => `${file} ${where.path}`);
      const whole = Math.floor(ts);
      b.add(
        b.time(whole, ts - whole) - f.durationMs - (init >= 0 ? init : 0),
        fn,
        f.durationMs,
        init,
        f.maxMemoryUsedMb,
        0,
      );
    });
    b.info.derived = [
      REPORT_DERIVED.arrival.replace('log time', 'timestamp (epoch ms)'),
      REPORT_DERIVED.init,
      REPORT_DERIVED.memory,
      functionSource(opts.functionName, named),
      sizes.describe(),
    ];
    b.info.memorySizes = sizes.list();
    const notes = billed.notes();
    // nextToken in the API's own output (or --no-paginate); NextToken where the AWS CLI paginated
    // with --max-items (the token --starting-token takes)
    const paging = doc as { nextToken?: unknown; NextToken?: unknown };
    if (typeof paging.nextToken === 'string' || typeof paging.NextToken === 'string')
      notes.push(MORE_PAGES_NOTE);
    if (notes.length > 0) b.info.notes = notes;
    return b.finish('events with a REPORT message ("REPORT RequestId: … Duration: N ms …")');
  } finally {
    b.cleanup();
  }
}
