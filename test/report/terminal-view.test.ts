/**
 * Tables within 100 columns unless --wide, and colour only where it is wanted: the width helpers by
 * hand, the colour rules (NO_COLOR, FORCE_COLOR, a terminal), painting that never moves a border,
 * and every line of the bundled scenarios' reports within 100 columns (tables, notes and sources).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { colourWanted } from '../../src/cli/view.js';
import { columnGroups, fitWidths, fitWidthsKeepingWords } from '../../src/report/render/fit.js';
import { paint } from '../../src/report/render/paint.js';
import Table from '../../src/report/render/safe-table.js';
import { MAX_TABLE_WIDTH, withView } from '../../src/report/render/view.js';
import { runIn } from '../helpers/run-in-process.js';

const ESC = '\u001b';
const width = (line: string): number => [...line].length;
const tableLines = (text: string): string[] => text.split('\n').filter((l) => /^[┌│└]/.test(l));

describe('fitWidths', () => {
  test("the report's key-value tables: 30 + 70 + 3 borders = 103 → the value column loses 3", () => {
    expect(fitWidths([30, 70], 100)).toEqual([30, 67]);
  });

  test('widths that fit already are kept', () => {
    expect(fitWidths([24, 73], 100)).toEqual([24, 73]);
  });

  test('the widest column narrows first: 40 + 40 + 10 + 4 borders = 94 → 60: 40 and 40 → 23 each', () => {
    // excess 34: the two 40s take turns (40→39 first, then the other), 17 each: 23 + 23 + 10 + 4 = 60
    expect(fitWidths([40, 40, 10], 60)).toEqual([23, 23, 10]);
  });

  test('property: the result fits (or every column is at the minimum), and no column grows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 20, max: 200 }),
        (ws, w) => {
          const out = fitWidths(ws, w);
          const total = out.reduce((a, b) => a + b, 0) + out.length + 1;
          expect(
            total <= w || out.every((x, i) => x <= Math.max(8, ws[i] as number) && (x === ws[i] || x === 8)),
          ).toBe(true);
          out.forEach((x, i) => expect(x).toBeLessThanOrEqual(ws[i] as number));
        },
      ),
    );
  });
});

describe('fitWidthsKeepingWords', () => {
  test('the column with room above its longest word narrows first: 30 + 60 + 20 + 4 = 114 → 100 takes 14 from the 60 (floor 12)', () => {
    expect(fitWidthsKeepingWords([30, 60, 20], [28, 12, 18], 100)).toEqual([30, 46, 20]);
  });

  test('when every column is at its longest word, the widest goes below it: 30 + 30 + 3 borders = 63 → 50', () => {
    // first pass: 30 → 28 and 30 → 28 (excess 13 − 4 = 9); second: the widest narrows, the first on a tie: 28,28 → 23,24
    expect(fitWidthsKeepingWords([30, 30], [28, 28], 50)).toEqual([23, 24]);
  });

  test('property: fits whenever the minimum allows, never grows a column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 3, max: 80 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 20, max: 200 }),
        (ws, floors, w) => {
          const out = fitWidthsKeepingWords(ws, floors, w);
          out.forEach((x, i) => expect(x).toBeLessThanOrEqual(ws[i] as number));
          const total = out.reduce((a, b) => a + b, 0) + out.length + 1;
          if (total > w) out.forEach((x, i) => expect(x).toBe(Math.min(ws[i] as number, 8)));
          else expect(total).toBeLessThanOrEqual(w);
        },
      ),
    );
  });
});

describe('a table sized by its content', () => {
  const wideTable = () => {
    const t = new Table({ head: ['figure', 'low', 'high', 'note'], style: { head: [], border: [] } });
    t.push([
      'regions.eastus.memoryPerGbHour = 0.0123 USD per GB-hour',
      '0.00985 USD per GB-hour',
      '0.0131 USD per GB-hour',
      'a note long enough to need wrapping at one hundred columns',
    ]);
    return t;
  };

  test('is drawn again within 100 columns, each word kept whole', () => {
    const text = wideTable().toString();
    expect(tableLines(text).length).toBeGreaterThan(4);
    expect(Math.max(...tableLines(text).map(width))).toBeLessThanOrEqual(100);
    expect(text).toContain('regions.eastus.memoryPerGbHour');
    expect(text).not.toContain('…');
  });

  test('--wide (an infinite view) keeps it one line a row, as wide as its content', () => {
    const text = withView({ width: Infinity, colour: false }, () => wideTable().toString());
    expect(tableLines(text)).toHaveLength(4);
    expect(Math.max(...tableLines(text).map(width))).toBeGreaterThan(100);
  });
});

describe('columnGroups', () => {
  test('first column 10, five of 20, within 60: two, two and one (each table 10 + 40 + 3 borders = 53)', () => {
    // 12 (first column and its borders) + 21 + 21 = 54; a third would make 75 > 60
    expect(columnGroups(10, [20, 20, 20, 20, 20], 60)).toEqual([[0, 1], [2, 3], [4]]);
  });

  test('as wide as the content: one group', () => {
    expect(columnGroups(10, [20, 20, 20, 20, 20], Infinity)).toEqual([[0, 1, 2, 3, 4]]);
  });

  test('a column wider than the line still gets a group of its own', () => {
    expect(columnGroups(10, [200, 5], 60)).toEqual([[0], [1]]);
  });
});

describe('colour', () => {
  test('NO_COLOR (any non-empty value) wins; FORCE_COLOR colours a pipe; else only a terminal', () => {
    expect([
      colourWanted(true, {}),
      colourWanted(false, {}),
      colourWanted(true, { NO_COLOR: '1' }),
      colourWanted(true, { NO_COLOR: '' }),
      colourWanted(false, { FORCE_COLOR: '1' }),
      colourWanted(true, { FORCE_COLOR: '0' }),
      colourWanted(true, { FORCE_COLOR: 'false' }),
      colourWanted(false, { FORCE_COLOR: '1', NO_COLOR: '1' }),
    ]).toEqual([true, false, false, true, true, false, false, false]);
  });

  test('paint: SGR codes only when the view has colour', () => {
    expect(paint('x', 'green', 'bold')).toBe('x');
    expect(withView({ width: MAX_TABLE_WIDTH, colour: true }, () => paint('x', 'green', 'bold'))).toBe(
      `${ESC}[32;1mx${ESC}[0m`,
    );
  });

  test('a painted row: the same line with codes around it; the borders of every line stay where they were', () => {
    const make = (): string => {
      const t = new Table({ head: ['a', 'b'], style: { head: [], border: [] } });
      t.push(['1', 'one']);
      t.push(['2', 'two']);
      t.paintLast('dim', 'strike');
      return t.toString();
    };
    const plain = make();
    const coloured = withView({ width: MAX_TABLE_WIDTH, colour: true }, make);
    const lines = plain.split('\n');
    // top border, heading, ─ rule, row 1, ─ rule, row 2, bottom: cli-table3's default chars
    const row2 = lines.findIndex((l) => l.includes('two'));
    expect(coloured.split('\n')).toEqual(lines.map((l, i) => (i === row2 ? `${ESC}[2;9m${l}${ESC}[0m` : l)));
  });

  test('a cell cannot smuggle a sequence of its own: it is escaped before painting', () => {
    const t = new Table({ head: ['a'], style: { head: [], border: [] } });
    t.push([`${ESC}[31mred`]);
    expect(t.toString()).not.toContain(ESC);
  });
});

describe('every line of the bundled scenarios within 100 columns, --wide as wide as the content', () => {
  const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
  const runs: [string, string[]][] = [
    ...scenarios.map((s): [string, string[]] => [
      `simulate ${s}`,
      ['simulate', '--scenario', `scenarios/${s}`],
    ]),
    ['simulate --provider all', ['simulate', '--scenario', 'scenarios/example.json', '--provider', 'all']],
    ['compare keep-warm.json', ['compare', '--scenario', 'scenarios/keep-warm.json', '--workers', '1']],
    [
      'sweep api.json',
      [
        'sweep',
        '--scenario',
        'scenarios/sweep/api.json',
        '--memory',
        '128,256,512,1024,2048',
        '--workers',
        '1',
      ],
    ],
    ['inspect', ['inspect', 'scenarios/traces/azure-2fn-2h.csv']],
  ];
  for (const [name, args] of runs) {
    test(name, async () => {
      const narrow = await runIn(args);
      expect(narrow.code).toBe(0);
      const lines = tableLines(narrow.stdout);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => width(l) > MAX_TABLE_WIDTH)).toEqual([]);
      // the notes and sources under the tables too, but for a word (a URL) too long for any line
      const marker = /^ *(- |\[\d+\] )?/;
      expect(
        narrow.stdout
          .split('\n')
          .filter((l) => width(l) > MAX_TABLE_WIDTH && l.replace(marker, '').trim().includes(' ')),
      ).toEqual([]);
      // no colour when stdout is not a terminal
      expect(narrow.stdout).not.toContain(ESC);
    });
  }

  test('--wide: the reports whose tables were wider than 100 columns are again', async () => {
    for (const args of [
      ['simulate', '--scenario', 'scenarios/example.json'],
      ['simulate', '--scenario', 'scenarios/example.json', '--provider', 'all'],
      ['compare', '--scenario', 'scenarios/keep-warm.json', '--workers', '1', '--no-break-even'],
    ]) {
      const wide = await runIn([...args, '--wide']);
      expect(wide.code).toBe(0);
      expect(Math.max(...tableLines(wide.stdout).map(width)), args.join(' ')).toBeGreaterThan(
        MAX_TABLE_WIDTH,
      );
    }
  });
});
