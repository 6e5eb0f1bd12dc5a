/**
 * Routing policies: which instance with spare capacity a request goes to. The choice changes which
 * instances stay busy and so which ones expire: most-recent (the default, as Lambda is observed to
 * behave) concentrates traffic and lets surplus instances expire; least-recent spreads it and keeps
 * every instance alive.
 */
import type { Rng } from '../util/rng.js';
import type { Instance, InstanceList } from './instance.js';
import type { RoutingPolicy } from './spec.js';

export function pickInstance(list: InstanceList, policy: RoutingPolicy, rng: Rng): Instance | null {
  if (list.count === 0) return null;
  switch (policy) {
    case 'most-recent':
      return list.tail;
    case 'least-recent':
      return list.head;
    case 'newest': {
      // O(idle instances); idle pools are small next to the request count.
      let best = list.head as Instance;
      for (let i = best.next; i !== null; i = i.next) if (i.serial > best.serial) best = i;
      return best;
    }
    case 'random': {
      let k = rng.int(list.count);
      let i = list.head as Instance;
      while (k-- > 0) i = i.next as Instance;
      return i;
    }
  }
}
