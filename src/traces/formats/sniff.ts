/**
 * Which format a trace is in, from its first bytes (--input-format says it instead):
 * - `[` or `{"results"` opening the file: a Logs Insights GetQueryResults JSON;
 * - `{"events"` (or a paging token first) opening the file: `aws logs filter-log-events` / `get-log-events` JSON;
 * - a line with `"type":"platform.` (after an optional log prefix): Lambda JSON logs;
 * - a header starting `@timestamp` with `@message`: the Logs Insights console's CSV;
 * - a `REPORT RequestId:`, `START RequestId:` or `END RequestId:` line: CloudWatch REPORT text;
 * - a header `app,func,end_timestamp,duration`: Azure Functions Trace 2021;
 * - anything else is faasim's CSV (per-request, or counts per minute: read.ts tells them apart).
 */
import type { InputFormat } from './builder.js';

export function formatOfText(head: string): InputFormat {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('[') || /^\{\s*"results"/.test(start)) return 'logs-insights-json';
  if (/^\{\s*"(events|nextToken|nextForwardToken|nextBackwardToken)"/.test(start)) return 'log-events-json';
  const lines = text.split(/\r?\n/, 200).filter((l) => l.trim() !== '');
  const first = (lines[0] ?? '').trim();
  const header = first.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  if (header[0] === '@timestamp' && header.includes('@message')) return 'logs-insights-csv';
  if (header.join(',') === 'app,func,end_timestamp,duration') return 'azure-2021';
  if (lines.some((l) => /"type"\s*:\s*"platform\./.test(l))) return 'lambda-json';
  if (lines.some((l) => /\b(REPORT|START|END) RequestId:/.test(l))) return 'cloudwatch-report';
  return 'csv';
}
