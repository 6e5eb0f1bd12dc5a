/**
 * The chart library, inlined into every page so that the file needs no network when it is opened
 * (from disk, from a CI artefact, offline). Read from the installed package at run time, never
 * fetched; docs/html-report.md says why uPlot.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cached: { js: string; css: string } | undefined;

export function uplotAssets(): { js: string; css: string } {
  if (!cached) {
    const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    // inside <script>, a "</script" in the library would end the element; uPlot has none, but check
    if (/<\/script/i.test(js)) throw new Error('uPlot source contains </script>');
    cached = { js, css };
  }
  return cached;
}
