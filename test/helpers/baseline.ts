/** Baseline files for tests: the least a saved faasim.simulate/v1 result must hold to be read as one. */
export function baselineDoc(o: {
  monthlyUsd?: number;
  usdPerMillionRequests?: number;
  coldStartRate?: number;
  throttledSync?: number;
  asyncDropped?: number;
  p99Ms?: number | null;
}): unknown {
  return {
    schema: 'faasim.simulate/v1',
    cost: { monthlyUsd: o.monthlyUsd ?? 10, usdPerMillionRequests: o.usdPerMillionRequests ?? 5 },
    outcomes: {
      coldStartRate: o.coldStartRate ?? 0.005,
      throttledSync: o.throttledSync ?? 0,
      asyncDropped: o.asyncDropped ?? 0,
      latency: { all: { p99Ms: o.p99Ms === undefined ? 2000 : o.p99Ms } },
    },
  };
}
