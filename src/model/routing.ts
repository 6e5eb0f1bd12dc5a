/**
 * Routing policies: which instance with spare capacity a request goes to. The choice changes which
 * instances stay busy and so which ones expire: most-recent (the default, as Lambda is observed to
 * behave) concentrates traffic and lets surplus instances expire; least-recent spreads it and keeps
 * every instance alive.
 */
import type { Rng } from '../util/rng.js';
import type { Instance, InstanceList } from './instance.js';
import type { RoutingPolicy } from './spec.js';

/** Policies as small integers: the platform resolves its policy once and picks per request by number. */
export const ROUTE = { mostRecent: 0, leastRecent: 1, newest: 2, random: 3 } as const;

export function routeCode(policy: RoutingPolicy): number {
  switch (policy) {
    case 'most-recent':
      return ROUTE.mostRecent;
    case 'least-recent':
      return ROUTE.leastRecent;
    case 'newest':
      return ROUTE.newest;
    case 'random':
      return ROUTE.random;
  }
}

/** The instance with spare capacity a request goes to, for the policy given by its ROUTE code (routeCode). */
export function pickByCode(list: InstanceList, route: number, rng: Rng): Instance | null {
  if (list.count === 0) return null;
  if (route === ROUTE.mostRecent) return list.tail;
  if (route === ROUTE.leastRecent) return list.head;
  if (route === ROUTE.newest) {
    // O(idle instances); idle pools are small next to the request count.
    let best = list.head as Instance;
    for (let i = best.next; i !== null; i = i.next) if (i.serial > best.serial) best = i;
    return best;
  }
  let k = rng.int(list.count);
  let i = list.head as Instance;
  while (k-- > 0) i = i.next as Instance;
  return i;
}

/**
 * Where instances share their memory (PlatformSpec.instanceMemoryShared) and the routing's choice
 * lacks room: the most recently available instance with nothing in flight or `needMb` free of its
 * `instanceMb`, or null (a new instance is then started). O(instances with spare concurrency).
 */
export function pickFitting(list: InstanceList, needMb: number, instanceMb: number): Instance | null {
  for (let i = list.tail; i !== null; i = i.prev)
    if (i.inFlight === 0 || i.memoryInUseMb + needMb <= instanceMb) return i;
  return null;
}
