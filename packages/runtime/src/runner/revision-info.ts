import type { RevisionGraph } from "../graph/revision-graph";
import type { ScriptDirectory } from "../scripts/script-directory";

/** One revision as commands report it (plain data, ready for --json). */
export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createdAt: string | null;
  readonly file: string;
  readonly checksum: string;
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isMerge: boolean;
  readonly isBranchPoint: boolean;
  /** Branch labels covering this revision (its own and inherited). */
  readonly branches: readonly string[];
  /** Set when the caller asked which revisions the database is at. */
  readonly isCurrent?: boolean;
}

export function revisionInfo(scripts: ScriptDirectory, id: string, current?: ReadonlySet<string>): RevisionInfo {
  const g: RevisionGraph = scripts.graph;
  const s = scripts.scripts.get(id)!;
  return {
    revision: id,
    downRevisions: s.downRevisions,
    branchLabels: s.branchLabels,
    dependsOn: g.get(id).dependsOn,
    message: s.message,
    createdAt: s.createdAt ?? null,
    file: s.file,
    checksum: s.checksum,
    isHead: g.childrenOf(id).length === 0,
    isBase: s.downRevisions.length === 0,
    isMerge: g.isMerge(id),
    isBranchPoint: g.isBranchPoint(id),
    branches: g.labels().filter((l) => g.labelMembers(l).has(id)),
    ...(current ? { isCurrent: current.has(id) } : {}),
  };
}
