/**
 * Lines of prose under a table report (notes, assumptions, sources) wrapped to the view's width:
 * broken at spaces only, a bulleted line continued under its text, table lines left alone.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { wrapProse } from '../../src/report/render/prose.js';

const chars = (line: string): number => [...line].length;

describe('wrapProse', () => {
  test('a bullet over the width: broken at the last space that fits, continued 2 columns in', () => {
    // width 20: "- alpha beta gamma" is 18; + " delta" would be 24 → break; "  delta epsilon" is 15
    expect(wrapProse('- alpha beta gamma delta epsilon', 20)).toBe('- alpha beta gamma\n  delta epsilon');
  });

  test('a numbered note "[3] " hangs 4 columns in; an indented line without a marker 2 more than its indent', () => {
    expect(wrapProse('[3] one two three four', 14)).toBe('[3] one two\n    three four');
    expect(wrapProse('  auto-70: level 1..4 out after 3 min', 20)).toBe(
      '  auto-70: level\n    1..4 out after\n    3 min',
    );
  });

  test('a number keeps its unit: "512 MB" is not split', () => {
    // width 27: "Trace: 5,632 requests, 512" (26) fits, "… 512 MB," (30) does not: the number goes down with its unit
    expect(wrapProse('Trace: 5,632 requests, 512 MB, 5 min', 27)).toBe(
      'Trace: 5,632 requests,\n512 MB, 5 min',
    );
  });

  test('a line without a marker or indent continues at column 0', () => {
    expect(wrapProse('Trace: a.csv, 5,632 requests over 2 h', 20)).toBe(
      'Trace: a.csv, 5,632\nrequests over 2 h',
    );
  });

  test('a word or URL longer than the width is never cut: it gets a line of its own', () => {
    const url = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';
    expect(wrapProse(`- account concurrency 1000 (${url}, 2025-10-01)`, 40)).toBe(
      `- account concurrency 1000\n  (${url},\n  2025-10-01)`,
    );
  });

  test('table lines, lines that fit, --wide (Infinity) and the line ends are kept as they are', () => {
    const table = `┌${'─'.repeat(120)}┐\n│ a ${'b '.repeat(58)}│`;
    expect(wrapProse(table, 100)).toBe(table);
    expect(wrapProse('short\n\n- also short\n', 100)).toBe('short\n\n- also short\n');
    const long = `- ${'word '.repeat(40)}`.trimEnd();
    expect(wrapProse(long, Infinity)).toBe(long);
  });

  test('colour escapes take no columns', () => {
    const red = '\u001b[31m';
    const off = '\u001b[39m';
    // visible: "- ab cd ef" (10 columns): fits 10 although the text has 10 more bytes of escapes
    expect(wrapProse(`- ${red}ab${off} cd ef`, 10)).toBe(`- ${red}ab${off} cd ef`);
  });

  test('property: the words and their order are kept, and every line fits unless it is one word', () => {
    const word = fc.stringMatching(/^[a-z0-9.,:/()]{1,30}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('', '- ', '[12] ', '  ', '  - '),
        fc.integer({ min: 12, max: 120 }),
        (words, marker, width) => {
          const line = marker + words.join(' ');
          const out = wrapProse(line, width).split('\n');
          expect(
            out
              .join(' ')
              .split(/ +/)
              .filter((w) => w !== ''),
          ).toEqual(line.split(/ +/).filter((w) => w !== ''));
          for (const l of out)
            if (chars(l) > width)
              expect(l.trim().split(' ').length).toBe(1 + (l === out[0] && marker.trim() !== '' ? 1 : 0));
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});
