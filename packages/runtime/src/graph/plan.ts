import type { Destination } from "./destination";
import { DowngradeTargetError } from "./graph-errors";
import type { RevisionGraph } from "./revision-graph";

export type Direction = "upgrade" | "downgrade";

/** One revision to run, with the version table's content before and after it. */
export interface PlanStep {
  readonly revision: string;
  readonly direction: Direction;
  readonly headsBefore: readonly string[];
  readonly headsAfter: readonly string[];
}

/** Revisions applied when the version table holds `heads`. */
export function appliedSet(graph: RevisionGraph, heads: readonly string[]): Set<string> {
  return graph.ancestors(heads, true);
}

/** Upgrade: apply, parents and dependencies first, whatever the destination needs. */
export function planUpgrade(graph: RevisionGraph, heads: readonly string[], dest: Destination): PlanStep[] {
  const applied = appliedSet(graph, heads);
  const wanted = graph.ancestors(wantedTops(graph, dest), true);
  const todo = graph.sorted(wanted).filter((id) => !applied.has(id));
  return steps(graph, applied, todo, "upgrade");
}

/** Downgrade: unapply, children and dependents first, everything above the destination. */
export function planDowngrade(
  graph: RevisionGraph,
  heads: readonly string[],
  dest: Destination,
  shownTarget: string,
): PlanStep[] {
  const applied = appliedSet(graph, heads);
  const remove = removalSet(graph, applied, dest, heads, shownTarget);
  const todo = graph.sorted(remove).reverse();
  return steps(graph, applied, todo, "downgrade");
}

/**
 * The heads the version table should hold after `stamp`: like an upgrade when the
 * target is not applied yet, like a downgrade when it is.
 */
export function stampHeads(graph: RevisionGraph, heads: readonly string[], dest: Destination, shownTarget: string): string[] {
  const applied = appliedSet(graph, heads);
  if (dest.kind === "base") return [];
  if (dest.kind === "revisions" && dest.ids.some((id) => !applied.has(id))) {
    return graph.headsOf(new Set([...applied, ...graph.ancestors(dest.ids, true)]));
  }
  const remove = removalSet(graph, applied, dest, heads, shownTarget);
  return graph.headsOf(new Set([...applied].filter((id) => !remove.has(id))));
}

function wantedTops(graph: RevisionGraph, dest: Destination): readonly string[] {
  if (dest.kind === "base") return [];
  if (dest.kind === "below") return graph.get(dest.revision).downRevisions;
  return dest.ids;
}

function removalSet(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  dest: Destination,
  heads: readonly string[],
  shownTarget: string,
): Set<string> {
  if (dest.kind === "base") return new Set(applied);
  const keep = dest.kind === "below" ? [dest.revision] : dest.ids;
  const missing = keep.filter((id) => !applied.has(id));
  if (missing.length > 0) throw new DowngradeTargetError(missing.join(", ") || shownTarget, heads);
  let above = [...graph.descendants(keep, dest.kind === "below")].filter((id) => applied.has(id));
  if (dest.branch !== undefined) {
    // Only what lies below the branch's own heads, then whatever stands on that.
    const members = graph.labelMembers(dest.branch);
    const branchHeads = graph.headsOf(applied).filter((h) => members.has(h));
    const lineage = graph.ancestors(branchHeads, true);
    above = [...graph.descendants(above.filter((id) => lineage.has(id)), true)].filter((id) => applied.has(id));
  }
  return new Set(above);
}

function steps(graph: RevisionGraph, initial: ReadonlySet<string>, todo: readonly string[], direction: Direction): PlanStep[] {
  const applied = new Set(initial);
  return todo.map((revision) => {
    const headsBefore = graph.headsOf(applied);
    if (direction === "upgrade") applied.add(revision);
    else applied.delete(revision);
    return { revision, direction, headsBefore, headsAfter: graph.headsOf(applied) };
  });
}
