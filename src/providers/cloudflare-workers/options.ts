/** The settings only Cloudflare Workers takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { decimalFlag, defineOption } from '../option-spec.js';

export const CPU_FRACTION = defineOption({
  key: 'cpuFraction',
  flag: '--cpu-fraction <x>',
  description:
    'Cloudflare Workers: CPU time as a fraction of run time when the trace has no cpu_ms (default 1)',
  schema: () => z.number().min(0).max(1),
  parseFlag: decimalFlag,
});
