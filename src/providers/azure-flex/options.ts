/** The settings only Azure Functions Flex Consumption takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { defineOption } from '../option-spec.js';
import { parseDecimal } from '../../util/units.js';

/** A key of --always-ready: a scale group, or one function scaled alone. */
const KEY = /^(http|blob|durable|function:.+)$/;
const EXPECTED =
  'expected KEY=COUNT[,KEY=COUNT…], KEY one of http, blob, durable or function:NAME, COUNT a whole number ≥ 0, e.g. http=2,function:orders=1';

export const ALWAYS_READY = defineOption({
  key: 'alwaysReady',
  flag: '--always-ready <counts>',
  description:
    'Azure Flex Consumption: always-ready instances per scale group of each app or per function scaled alone, e.g. http=2,blob=1,durable=1,function:orders=1 (the others keep --provisioned, default 0)',
  schema: () =>
    z.record(z.string(), z.number().int().min(0)).superRefine((counts, ctx) => {
      for (const key of Object.keys(counts))
        if (!KEY.test(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `"${key}" is not http, blob, durable or function:NAME`,
          });
    }),
  // "http=2,function:orders=1" → { http: 2, "function:orders": 1 }
  parseFlag: (text) => {
    const counts: Record<string, number> = Object.create(null);
    for (const part of text.split(',')) {
      const at = part.lastIndexOf('=');
      const key = part.slice(0, Math.max(0, at)).trim();
      const count = parseDecimal(part.slice(at + 1).trim());
      if (at < 0 || !KEY.test(key) || count === undefined || !Number.isSafeInteger(count) || count < 0)
        throw inputError('BAD_ALWAYS_READY', `--always-ready "${text}": ${EXPECTED}`);
      counts[key] = count;
    }
    return counts;
  },
});
