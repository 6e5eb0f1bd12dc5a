/** Handle of a scheduled event, used to cancel it. */
export type TimerId = number;

/**
 * Something that reacts to an event. One object serves many events: the event carries a number
 * (`arg`) that the target interprets, so scheduling allocates no closure.
 */
export interface EventTarget {
  fire(arg: number, timeMs: number): void;
}

/** What a model may do with the clock. */
export interface Scheduler {
  /** Current simulated time in milliseconds (float64, never rounded). */
  readonly nowMs: number;
  /**
   * Schedules `target.fire(arg, timeMs)` at `timeMs`. Events at the same time run by ascending
   * `lane`, then in the order they were scheduled.
   */
  at(timeMs: number, lane: number, target: EventTarget, arg: number): TimerId;
  /** `at` for an event that is never cancelled: no handle (so none is made). */
  post(timeMs: number, lane: number, target: EventTarget, arg: number): void;
  /** Cancels a pending event; a no-op if it already ran or was cancelled. */
  cancel(id: TimerId): void;
}
