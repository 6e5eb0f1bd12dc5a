/**
 * The page around every HTML report: one self-contained file (styles, uPlot and the page's script
 * inlined; no request leaves it), readable on a phone and a laptop, printable. The report's record
 * (#faasim-data: the object `--format json` prints) and the charts' specs (#faasim-charts) are
 * embedded as JSON, so the file is also the data.
 */
import { uplotAssets } from './assets.js';
import type { ChartSpec } from './chart.js';
import { CLIENT_JS } from './client.js';
import { esc, jsonScript } from './escape.js';

export interface Page {
  title: string;
  /** one line under the title (trace, provider, memory…) */
  subtitle: string;
  /** the body's sections, already HTML */
  sections: string[];
  /** what --format json prints for this result, as that text */
  json: string;
  charts: ChartSpec[];
}

const CSS = `
:root { --fg: #1b1f24; --muted: #5b6470; --line: #d8dde3; --bg: #fff; --card: #f5f7f9; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .2rem 0; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.subtitle, .note { color: var(--muted); font-size: .9rem; margin: .2rem 0 .6rem; }
section { margin: 1.4rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: .6rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card .label { color: var(--muted); font-size: .8rem; }
.card .value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .sub { color: var(--muted); font-size: .8rem; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 1rem; }
.grid2 > *, .chart-box { min-width: 0; }
.chart { width: 100%; min-height: 200px; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .88rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .55rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th::after { content: " \\2195"; color: #aab; font-size: .75em; }
table.sortable th[aria-sort=ascending]::after { content: " \\2191"; color: var(--fg); }
table.sortable th[aria-sort=descending]::after { content: " \\2193"; color: var(--fg); }
tr.bad td { color: #a12; }
tr.pick td { font-weight: 600; }
ul.plain { padding-left: 1.1rem; margin: .3rem 0; }
/* long addresses in prose wrap rather than widen a phone's page (tables scroll in their own box) */
ul.plain, p, header { overflow-wrap: anywhere; }
a { color: var(--accent); word-break: break-word; }
footer { color: var(--muted); font-size: .8rem; margin: 2rem 0 1rem; }
.u-legend { font-size: .8rem; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: .6rem; }
  .card .value { font-size: 1.15rem; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section { break-inside: avoid-page; }
  .chart-box, tr, .card { break-inside: avoid; }
  .grid2 { display: block; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); }
  table.sortable th::after { content: none; }
  .u-legend .u-value { display: none; }
}
`;

export function renderPage(p: Page): string {
  const { js, css } = uplotAssets();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="faasim">
<title>${esc(p.title)}</title>
<style>${css}</style>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${esc(p.title)}</h1><p class="subtitle">${esc(p.subtitle)}</p></header>
${p.sections.join('\n')}
<footer>Written by faasim. The data behind this page is embedded in it: the element #faasim-data holds what <code>--format json</code> prints, #faasim-charts what each chart draws.</footer>
</main>
${jsonScript('faasim-data', p.json)}
${jsonScript(
  'faasim-charts',
  JSON.stringify(p.charts, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
)}
<script>${js}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

/** A section with a heading. */
export function section(title: string, body: string, id?: string): string {
  return `<section${id ? ` id="${esc(id)}"` : ''}><h2>${esc(title)}</h2>${body}</section>`;
}

/** Headline figures: `key` names the JSON field the card shows (tests compare them), `value` its raw number. */
export function cards(
  list: { key: string; label: string; text: string; value: number | string | null; sub?: string }[],
): string {
  const one = (c: (typeof list)[number]): string =>
    `<div class="card" data-key="${esc(c.key)}" data-value="${esc(c.value === null ? '' : String(c.value))}"><div class="label">${esc(c.label)}</div><div class="value">${esc(c.text)}</div>${c.sub ? `<div class="sub">${esc(c.sub)}</div>` : ''}</div>`;
  return `<div class="cards">${list.map(one).join('')}</div>`;
}

/** The place a chart is drawn into, with its title and note. */
export function chartBox(spec: ChartSpec): string {
  return `<div class="chart-box"><h3>${esc(spec.title)}</h3>${spec.note ? `<p class="note">${esc(spec.note)}</p>` : ''}<div class="chart" id="${esc(spec.id)}" role="img" aria-label="${esc(spec.title)}"></div></div>`;
}

export interface Cell {
  /** HTML of the cell (escape text with esc) */
  html: string;
  /** the number it sorts by; absent: sorted as text */
  sort?: number;
}

/** A table; `sortable` adds the click-to-sort script's class. Numeric cells are right-aligned. */
export function table(
  head: string[],
  rows: (Cell | string)[][],
  opts: { sortable?: boolean; rowClass?: (i: number) => string; id?: string } = {},
): string {
  const numeric = head.map(
    (_h, c) =>
      rows.length > 0 && rows.every((r) => typeof r[c] === 'object' && (r[c] as Cell).sort !== undefined),
  );
  const th = head.map((h, c) => `<th${numeric[c] ? ' class="n"' : ''} scope="col">${esc(h)}</th>`).join('');
  const td = (cell: Cell | string, c: number): string => {
    if (typeof cell === 'string') return `<td>${cell}</td>`;
    const sort =
      cell.sort !== undefined && Number.isFinite(cell.sort)
        ? ` data-sort="${cell.sort}"`
        : cell.sort !== undefined
          ? ' data-sort="-1e308"'
          : '';
    return `<td${numeric[c] ? ' class="n"' : ''}${sort}>${cell.html}</td>`;
  };
  const body = rows
    .map(
      (r, i) => `<tr${opts.rowClass?.(i) ? ` class="${opts.rowClass(i)}"` : ''}>${r.map(td).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table${opts.sortable ? ' class="sortable"' : ''}${opts.id ? ` id="${esc(opts.id)}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** A number cell: the text shown, sorted by the value. */
export const num = (text: string, value: number): Cell => ({ html: esc(text), sort: value });

/** A bulleted list of text lines. */
export function list(lines: string[]): string {
  return lines.length === 0
    ? '<p class="note">none</p>'
    : `<ul class="plain">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
}
