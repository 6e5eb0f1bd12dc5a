/**
 * Which provider defaults and sheet figures a run rests on. Provenance lines and sheet figures are
 * tagged with what they bear on a run through (`Dependency`); a run resolves which dependencies hold
 * for it, and its report keeps only the lines and unconfirmed figures whose dependencies all hold:
 * a default the user overrode, or a provisioned-only figure in a run without provisioned instances,
 * is not something the numbers rest on.
 */
import type { UnconfirmedFigure } from '../pricing/figure.js';
import type { Dependency, PlatformDefaults, ProvenanceLine } from './types.js';

/** A provenance line that bears on a run only when every one of `dependsOn` holds. */
export function dependent(dependsOn: Dependency | readonly Dependency[], text: string): ProvenanceLine {
  return { text, dependsOn: typeof dependsOn === 'string' ? [dependsOn] : dependsOn };
}

/** Tags each of `paths` with `dependsOn`, for PlatformDefaults.figureDependencies. */
export function figuresDependingOn(
  dependsOn: Dependency | readonly Dependency[],
  paths: readonly string[],
): Record<string, readonly Dependency[]> {
  const deps = typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
  return Object.fromEntries(paths.map((p) => [p, deps]));
}

function allHold(dependsOn: readonly Dependency[] | undefined, holding: ReadonlySet<Dependency>): boolean {
  return (dependsOn ?? []).every((d) => holding.has(d));
}

/** The provenance lines of `defaults` that bear on a run where `holding` hold, as text. */
export function provenanceUsed(defaults: PlatformDefaults, holding: ReadonlySet<Dependency>): string[] {
  return defaults.provenance.flatMap((l) =>
    typeof l === 'string' ? [l] : allHold(l.dependsOn, holding) ? [l.text] : [],
  );
}

/** The unconfirmed figures that bear on a run where `holding` hold. */
export function figuresUsed(
  figures: readonly UnconfirmedFigure[],
  defaults: PlatformDefaults,
  holding: ReadonlySet<Dependency>,
): UnconfirmedFigure[] {
  const tags = defaults.figureDependencies ?? {};
  return figures.filter((u) => allHold(tags[u.path], holding));
}
