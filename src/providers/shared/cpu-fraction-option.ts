/**
 * --cpu-fraction, taken by Cloudflare Workers (its CPU-time bill) and by the platforms whose price
 * sheets state their instances' vCPUs (processor sharing: PlatformDefaults.instanceVcpus), so
 * declared once here (providers/option-spec.ts: one declaration per shared key).
 */
import { z } from 'zod';
import { decimalFlag, defineOption } from '../option-spec.js';

export const CPU_FRACTION = defineOption({
  key: 'cpuFraction',
  flag: '--cpu-fraction <x>',
  description:
    "CPU-bound fraction of run time for requests without cpu_ms: Cloudflare Workers' billed CPU time (default 1); on Azure Consumption, Flex Consumption and Premium, Cloud Run and Container Apps, the part that slows when more requests than the instance's vCPUs run on it (default 0: no CPU sharing)",
  schema: () => z.number().min(0).max(1),
  parseFlag: decimalFlag,
});
