import { RetortError } from "@retort/core";
import { randomBytes } from "node:crypto";
import { MultipleHeadsError } from "../graph/graph-errors";
import { resolveRevision } from "../graph/resolve-target";
import { branchLabelProblem, REVISION_ID } from "./header-rules";
import type { ScriptDirectory } from "./script-directory";

export interface NewRevisionOptions {
  readonly message: string;
  /** Parent: a revision target (default: the single head); `base` starts a new root. */
  readonly head?: string;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Given id instead of 12 random hex characters. */
  readonly revId?: string;
  /** Allow a parent that is not a head (starts a new branch from it). */
  readonly splice?: boolean;
  /** For tests and reproducible output. */
  readonly now?: Date;
}

/** The header of a revision about to be written: the file itself is codegen's job. */
export interface PlannedRevision {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createdAt: string;
}

export class RevisionWriteError extends RetortError {
  constructor(reason: string) {
    super("revision_write", reason);
  }
}

/** A new revision on `--head` (default: the single head), checked against the graph. */
export function planRevision(scripts: ScriptDirectory, options: NewRevisionOptions): PlannedRevision {
  return plan(scripts, options, chooseParent(scripts, options));
}

/** A merge revision whose down revisions are `revisions` (`heads` = every head). */
export function planMerge(
  scripts: ScriptDirectory,
  revisions: readonly string[],
  options: Omit<NewRevisionOptions, "head" | "splice">,
): PlannedRevision {
  const parents = [...new Set(expandMergeTargets(scripts, revisions).map((r) => resolveRevision(scripts.graph, r)))];
  if (parents.length < 2) throw new RevisionWriteError("A merge needs at least two different revisions, e.g. `retort merge -m \"merge\" heads` or two revision ids.");
  return plan(scripts, options, parents);
}

/** `merge heads`: every head of the graph. */
export function expandMergeTargets(scripts: ScriptDirectory, targets: readonly string[]): string[] {
  return targets.flatMap((t) => (t === "heads" ? scripts.graph.heads() : [t]));
}

/** The parent of a new revision: `--head`, else the single head (several heads: MultipleHeadsError). */
export function chooseParent(scripts: ScriptDirectory, options: NewRevisionOptions): string | null {
  const graph = scripts.graph;
  if (options.head === "base") return null;
  if (options.head === undefined || options.head === "head") {
    const heads = graph.heads();
    if (heads.length > 1) {
      throw new MultipleHeadsError("head", heads, "Pass --head <rev> (or label@head), or merge the heads first with `retort merge -m <msg> heads`.");
    }
    return heads[0] ?? null;
  }
  const spec = options.head.endsWith("@head") ? options.head.slice(0, -"@head".length) : options.head;
  const owner = graph.labelOwner(spec);
  let id = resolveRevision(graph, spec);
  if (owner !== undefined || options.head.endsWith("@head")) {
    const scope = owner !== undefined ? graph.labelMembers(spec) : graph.versionedDescendants([id]);
    const heads = graph.heads().filter((h) => scope.has(h));
    if (heads.length !== 1) throw new MultipleHeadsError(options.head, heads, "Name one revision id with --head.");
    id = heads[0]!;
  }
  if (graph.childrenOf(id).length > 0 && !options.splice) {
    throw new RevisionWriteError(`Revision ${id} is not a head. Pass --splice to start a new branch from it, or choose a head.`);
  }
  return id;
}

function plan(scripts: ScriptDirectory, options: NewRevisionOptions, parent: string | readonly string[] | null): PlannedRevision {
  const revision = options.revId ?? randomBytes(6).toString("hex");
  if (!REVISION_ID.test(revision)) throw new RevisionWriteError(`Revision id "${revision}" may only contain letters, digits, "_", "." and "-".`);
  if (scripts.graph.has(revision)) throw new RevisionWriteError(`Revision id ${revision} already exists (${scripts.scripts.get(revision)?.file}). Choose another --rev-id.`);
  for (const label of options.branchLabels ?? []) {
    const problem = branchLabelProblem(label);
    if (problem) throw new RevisionWriteError(`--branch-label: ${problem}`);
    const owner = scripts.graph.labelOwner(label);
    if (owner !== undefined) throw new RevisionWriteError(`Branch label "${label}" is already used by revision ${owner}.`);
  }
  return {
    revision,
    downRevision: parent,
    branchLabels: options.branchLabels ?? [],
    dependsOn: (options.dependsOn ?? []).map((d) => dependency(scripts, d, revision)),
    message: options.message,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
}

/**
 * A `--depends-on` value as the file will hold it: a branch label stays a label, anything
 * else must name one existing revision (a unique prefix becomes the full id).
 */
function dependency(scripts: ScriptDirectory, spec: string, revision: string): string {
  if (scripts.graph.labelOwner(spec) !== undefined) return spec;
  let id: string;
  try {
    id = resolveRevision(scripts.graph, spec);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RevisionWriteError(`--depends-on "${spec}" (a revision id, a unique prefix or a branch label): ${why}`);
  }
  if (id === revision) throw new RevisionWriteError(`--depends-on "${spec}" is the new revision itself.`);
  return id;
}
