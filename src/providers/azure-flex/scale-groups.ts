/**
 * Flex Consumption's per-function scaling (Microsoft, flex-consumption-plan#per-function-scaling):
 * the HTTP functions of an app (HTTP and SignalR triggers) scale together in one set of instances,
 * as do its Blob storage (Event Grid-based) functions and its Durable Functions (orchestration,
 * activity and entity triggers); every other function scales alone, in its own instances, named
 * `function:<NAME>` where always-ready counts are set.
 */

/** The scale groups whose functions share instances, as Microsoft's always-ready settings name them. */
export const FLEX_SCALE_GROUPS = ['http', 'blob', 'durable'] as const;
export type FlexScaleGroup = (typeof FLEX_SCALE_GROUPS)[number];

/**
 * Trigger names (lower case) → their group: the binding names Microsoft's table lists (with and
 * without "Trigger"), and the Azure Functions 2019 trace's Trigger values (`storage` is its Blob
 * storage trigger, the only storage trigger Flex runs; `orchestration` its Durable Functions).
 */
const GROUP_OF_TRIGGER: ReadonlyMap<string, FlexScaleGroup> = new Map([
  ['http', 'http'],
  ['httptrigger', 'http'],
  ['signalr', 'http'],
  ['signalrtrigger', 'http'],
  ['blob', 'blob'],
  ['blobtrigger', 'blob'],
  ['storage', 'blob'],
  ['durable', 'durable'],
  ['orchestration', 'durable'],
  ['orchestrationtrigger', 'durable'],
  ['activity', 'durable'],
  ['activitytrigger', 'durable'],
  ['entity', 'durable'],
  ['entitytrigger', 'durable'],
]);

/** The group a function of `trigger` scales in, or null: it scales alone (timer, queue, event, …). */
export function flexScaleGroup(trigger: string): FlexScaleGroup | null {
  return GROUP_OF_TRIGGER.get(trigger.trim().toLowerCase()) ?? null;
}
