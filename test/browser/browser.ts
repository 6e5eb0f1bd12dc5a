/**
 * Headless Chromium for the browser tests: Debian's `chromium` (scripts/ensure-chromium.sh installs
 * it as npm's pretest), driven by playwright-core, which never downloads a browser. Without one the
 * tests skip, loudly.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['FAASIM_CHROMIUM'] ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  console.warn(
    `\n#### faasim: no Chromium at ${CHROMIUM}: the browser tests are SKIPPED (run scripts/ensure-chromium.sh, or set FAASIM_CHROMIUM) ####\n`,
  );
}

export function launch(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

export interface Opened {
  page: Page;
  /** console errors and uncaught exceptions */
  errors: string[];
  /** every request that was not file:// or data: (aborted) */
  network: string[];
}

/** Opens a file:// page with every request routed: anything but file: and data: is aborted and recorded. */
export async function open(
  browser: Browser,
  file: string,
  viewport = { width: 1100, height: 900 },
): Promise<Opened> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const errors: string[] = [];
  const network: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !network.includes(url)) network.push(url);
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, errors, network };
}

export interface DrawnChart {
  id: string;
  series: number;
  /** non-null points per series, as uPlot holds them */
  points: number[];
  /** per series: canvas pixels of (about) its colour */
  colourPixels: number[];
  /** canvas pixels that are not blank */
  inked: number;
}

/** What each chart drew: the page's own record (window.faasimCharts) and the canvas's pixels. */
export async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(() => {
    const specs = JSON.parse(document.getElementById('faasim-charts')!.textContent!) as {
      id: string;
      series: { color: string }[];
    }[];
    const drawn = (window as unknown as { faasimCharts: { id: string; series: number; points: number[] }[] })
      .faasimCharts;
    return drawn.map((d) => {
      const spec = specs.find((s) => s.id === d.id)!;
      const canvas = document.querySelector(`#${d.id} canvas`) as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const rgb = spec.series.map((s) => [1, 3, 5].map((i) => parseInt(s.color.slice(i, i + 2), 16)));
      const colourPixels = rgb.map(() => 0);
      let inked = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3]! === 0) continue;
        inked++;
        rgb.forEach((c, k) => {
          if (Math.abs(px[i]! - c[0]!) + Math.abs(px[i + 1]! - c[1]!) + Math.abs(px[i + 2]! - c[2]!) < 40)
            colourPixels[k]!++;
        });
      }
      return { ...d, colourPixels, inked };
    });
  });
}

/** The headline cards: key, the raw value and the text shown. */
export async function headlineCards(page: Page): Promise<{ key: string; value: string; text: string }[]> {
  return page.$$eval('.card', (els) =>
    els.map((e) => ({
      key: e.getAttribute('data-key') ?? '',
      value: e.getAttribute('data-value') ?? '',
      text: e.querySelector('.value')?.textContent ?? '',
    })),
  );
}

/** The page's embedded record (#faasim-data). */
export async function embeddedData(page: Page): Promise<unknown> {
  return page.evaluate(() => JSON.parse(document.getElementById('faasim-data')!.textContent!));
}
