import { resolveRevision, resolveTarget } from "../graph/resolve-target";
import type { Destination } from "../graph/destination";
import type { ScriptDirectory } from "../scripts/script-directory";
import { revisionInfo, type RevisionInfo } from "./revision-info";

export interface HistoryOptions {
  /** `from:to`, either side optional; `current` stands for the database's heads. */
  readonly range?: string;
  readonly verbose?: boolean;
  readonly indicateCurrent?: boolean;
}

export interface HistoryResult {
  /** Newest first, as `alembic history` lists them. */
  readonly revisions: readonly RevisionInfo[];
  readonly verbose: boolean;
}

/** `history`: revisions between the range's ends, inclusive. `current` = the database's heads. */
export function historyOf(scripts: ScriptDirectory, options: HistoryOptions, current?: readonly string[]): HistoryResult {
  const g = scripts.graph;
  const [lowerSpec, upperSpec] = splitRange(options.range ?? "");
  const upper = upperSpec === "" ? g.heads() : tops(scripts, upperSpec, current);
  let ids = g.ancestors(upper, true);
  if (lowerSpec !== "" && lowerSpec !== "base") {
    const lower = g.descendants(tops(scripts, lowerSpec, current), true);
    ids = new Set([...ids].filter((id) => lower.has(id)));
  }
  const marks = options.indicateCurrent && current ? g.ancestors(current, true) : undefined;
  const currentHeads = marks ? new Set(current) : undefined;
  return {
    revisions: g.sorted(ids).reverse().map((id) => revisionInfo(scripts, id, marks ? currentHeads : undefined)),
    verbose: options.verbose ?? false,
  };
}

export function rangeNeedsDatabase(range: string | undefined): boolean {
  return (range ?? "").split(":").some((side) => side.trim() === "current");
}

function splitRange(range: string): [string, string] {
  const i = range.indexOf(":");
  if (i < 0) return [range.trim(), ""];
  return [range.slice(0, i).trim(), range.slice(i + 1).trim()];
}

function tops(scripts: ScriptDirectory, spec: string, current?: readonly string[]): readonly string[] {
  if (spec === "current") return current ?? [];
  return destinationTops(scripts, resolveTarget(scripts.graph, spec, current));
}

function destinationTops(scripts: ScriptDirectory, dest: Destination): readonly string[] {
  if (dest.kind === "base") return [];
  if (dest.kind === "below") return scripts.graph.get(dest.revision).downRevisions;
  return dest.ids;
}

export function showRevision(scripts: ScriptDirectory, ident: string): RevisionInfo & { readonly source: string } {
  const id = resolveRevision(scripts.graph, ident);
  return { ...revisionInfo(scripts, id), source: scripts.scripts.get(id)!.source };
}

export function headsOf(scripts: ScriptDirectory, current?: readonly string[]): { readonly heads: readonly RevisionInfo[] } {
  const marks = current ? new Set(current) : undefined;
  return { heads: scripts.graph.heads().map((id) => revisionInfo(scripts, id, marks)) };
}

export interface BranchPoint {
  readonly revision: RevisionInfo;
  readonly children: readonly RevisionInfo[];
}

export function branchesOf(scripts: ScriptDirectory): { readonly branchPoints: readonly BranchPoint[] } {
  const g = scripts.graph;
  return {
    branchPoints: g.branchPoints().map((id) => ({
      revision: revisionInfo(scripts, id),
      children: g.childrenOf(id).map((c) => revisionInfo(scripts, c)),
    })),
  };
}
