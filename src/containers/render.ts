/** The container break-even rows (src/break-even.ts) as lines under a --provider comparison. */
import { usdColumn } from '../report/format.js';
import type { BreakEvenRow } from './break-even.js';

function rate(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3);
}

function scale(x: number): string {
  return x >= 1 ? `${rate(x)}×` : `1/${Math.round(1 / x)}×`;
}

export function renderBreakEven(
  rows: readonly BreakEvenRow[],
  traceRate: number,
  range: { min: number; max: number },
): string {
  const lines = [
    `Break-even: the traffic at which each container platform costs no more than the cheapest function platform (the trace's ${rate(traceRate)} req/s scaled ${scale(range.min)} to ${scale(range.max)} by copying requests)`,
  ];
  // every amount of the section in one format, as a money column of the tables
  const usd = usdColumn(rows.flatMap((r) => [r.containerUsd, r.functionUsd]));
  for (const r of rows) {
    const bills = `${usd(r.containerUsd)} a month against ${usd(r.functionUsd)} on ${r.against}`;
    if (r.kind === 'above')
      lines.push(
        `- ${r.provider}: cheaper from ${rate(r.requestsPerSecond)} req/s (${scale(r.scale)} the trace): ${bills}`,
      );
    else if (r.kind === 'everywhere')
      lines.push(
        `- ${r.provider}: cheaper already at ${rate(r.requestsPerSecond)} req/s (${scale(r.scale)}), the lowest level tried: ${bills}`,
      );
    else
      lines.push(
        `- ${r.provider}: not cheaper up to ${rate(r.requestsPerSecond)} req/s (${scale(r.scale)}): ${bills}`,
      );
  }
  return lines.join('\n') + '\n';
}
