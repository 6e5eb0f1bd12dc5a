/** The settings only Lambda@Edge takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { defineOption, settingOf } from '../option-spec.js';

export type EdgeTrigger = 'viewer' | 'origin';

export const EDGE_TRIGGER = defineOption({
  key: 'edgeTrigger',
  flag: '--edge-trigger <kind>',
  description:
    'Lambda@Edge: the CloudFront event that runs the function, viewer (request/response: 128 MB, 5 s) or origin (request/response: up to 10,240 MB, 30 s; the default)',
  schema: () => z.enum(['viewer', 'origin']),
});

/** The trigger of a run: origin unless --edge-trigger says viewer (origin triggers take every size viewer ones do). */
export function triggerOf(settings: object): EdgeTrigger {
  return settingOf<EdgeTrigger>(settings, EDGE_TRIGGER) ?? 'origin';
}

export const LAMBDA_EDGE_OPTIONS = [EDGE_TRIGGER];
