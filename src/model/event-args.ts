/**
 * The platform packs two numbers into one event argument so that scheduling allocates nothing:
 *
 * - a completion: `slot × FLAG_SPACE + flags` (the instance's slot and the request's INV flags);
 * - a ping or a scheduled provisioned action: `fn × SCHEDULE_SPACE + schedule` (the function's
 *   index and which of its schedules fired; pings double that to mark chained pings, see
 *   PingScheduler).
 *
 * Unpacking divides by the space, so a flag or a schedule index that does not fit would silently
 * land on another instance or function. The checks below refuse that: at compile time for the INV
 * flags (each must be a single bit below FLAG_SPACE), and when this module loads and a function is
 * added for what only a run-time value can tell.
 */
import type { FunctionSpec } from './spec.js';
import { INV } from './observer.js';

/** Bits of INV that fit in a completion's argument next to the instance slot (a power of two). */
export const FLAG_SPACE = 256;

/** Ping schedules, and scheduled provisioned actions, one function may have. */
export const SCHEDULE_SPACE = 1024;

/**
 * The single bits below `Space` (a power of two): 1 | 2 | … | Space/2. Built by doubling a tuple,
 * so it follows FLAG_SPACE when that changes.
 */
type BitsBelow<
  Space extends number,
  B extends unknown[] = [unknown],
  Out extends number = never,
> = B['length'] extends Space ? Out : BitsBelow<Space, [...B, ...B], Out | B['length']>;

/** Compile-time guard: a new INV flag of FLAG_SPACE or more, or not a single bit, fails to type-check here. */
const INV_FITS: { readonly [K in keyof typeof INV]: BitsBelow<typeof FLAG_SPACE> } = INV;

/**
 * Throws unless every flag is a distinct single bit below `flagSpace` (so any combination of them is
 * below it too). Run on INV when this module loads; exported for the test that feeds it bad flags.
 */
export function checkFlagsFit(flags: Readonly<Record<string, number>>, flagSpace: number): void {
  let seen = 0;
  for (const [name, bit] of Object.entries(flags)) {
    if (!(Number.isInteger(bit) && bit > 0 && (bit & (bit - 1)) === 0))
      throw new RangeError(`flag ${name} = ${bit} is not a single bit`);
    if (bit >= flagSpace)
      throw new RangeError(
        `flag ${name} = ${bit} does not fit the ${flagSpace} values an event argument leaves for flags: raise FLAG_SPACE (src/model/event-args.ts)`,
      );
    if ((seen & bit) !== 0) throw new RangeError(`flag ${name} = ${bit} reuses a bit another flag has`);
    seen |= bit;
  }
}

checkFlagsFit(INV_FITS, FLAG_SPACE);

/** Throws unless the function's ping schedules and provisioned actions each fit SCHEDULE_SPACE. */
export function checkSchedulesFit(spec: FunctionSpec): void {
  const pings = spec.pings.length;
  if (pings > SCHEDULE_SPACE)
    throw new RangeError(
      `function ${spec.name} has ${pings} ping schedules; the model takes at most ${SCHEDULE_SPACE} per function`,
    );
  const control = spec.provisionedControl;
  const actions = control?.kind === 'schedule' ? control.actions.length : 0;
  if (actions > SCHEDULE_SPACE)
    throw new RangeError(
      `function ${spec.name} has ${actions} scheduled provisioned actions; the model takes at most ${SCHEDULE_SPACE} per function`,
    );
}
