/**
 * The order of simultaneous events. At one instant the engine runs events by ascending lane:
 *
 * | lane | what                                   | why this order                                              |
 * |------|----------------------------------------|-------------------------------------------------------------|
 * | 0    | request completions                    | an instance that finishes at t is free for a request at t   |
 * | 1    | keep-alive expiries                    | an instance that expires at t is gone for a request at t    |
 * | 2    | capacity changes (provisioned level,   | capacity changed at t applies to requests at t              |
 * |      | scaling tokens for queued requests)    |                                                             |
 * | 3    | scheduled pings                        | a ping at t is invoked before user requests at t            |
 * | 4    | async retries, sync queue timeouts     | a queued event retried at t goes before new arrivals at t;  |
 * |      |                                        | a request whose wait ends at t leaves before arrivals at t  |
 * | 5    | trace arrivals (fed from outside)      | last: they see the state left by everything else at t       |
 *
 * So a request that arrives exactly when an instance's keep-alive window ends finds it gone (cold),
 * and a request that arrives exactly when another finishes finds that instance free (warm).
 * Within a lane, events run in the order they were scheduled; trace arrivals in trace order.
 */
export const LANE = {
  complete: 0,
  expire: 1,
  capacity: 2,
  ping: 3,
  retry: 4,
  arrival: 5,
} as const;
