import { RetortError } from "@retort/core";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MultipleHeadsError } from "../graph/graph-errors";
import { resolveRevision } from "../graph/resolve-target";
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

export interface WrittenRevision {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly file: string;
}

export class RevisionWriteError extends RetortError {
  constructor(reason: string) {
    super("revision_write", reason);
  }
}

/** Writes an empty migration (`revision -m`). */
export function writeRevisionFile(scripts: ScriptDirectory, options: NewRevisionOptions): WrittenRevision {
  const parent = chooseParent(scripts, options);
  return writeFile(scripts, options, parent);
}

/** Writes a merge revision whose down revisions are `revisions` (`merge -m`; `heads` = every head). */
export function writeMergeFile(
  scripts: ScriptDirectory,
  revisions: readonly string[],
  options: Omit<NewRevisionOptions, "head" | "splice">,
): WrittenRevision {
  const parents = [...new Set(expandMergeTargets(scripts, revisions).map((r) => resolveRevision(scripts.graph, r)))];
  if (parents.length < 2) throw new RevisionWriteError("A merge needs at least two different revisions, e.g. `retort merge -m \"merge\" heads` or two revision ids.");
  return writeFile(scripts, options, parents);
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

function writeFile(scripts: ScriptDirectory, options: NewRevisionOptions, parent: string | readonly string[] | null): WrittenRevision {
  const revision = options.revId ?? randomBytes(6).toString("hex");
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(revision)) throw new RevisionWriteError(`Revision id "${revision}" may only contain letters, digits, "_", "." and "-".`);
  if (scripts.graph.has(revision)) throw new RevisionWriteError(`Revision id ${revision} already exists (${scripts.scripts.get(revision)?.file}). Choose another --rev-id.`);
  for (const label of options.branchLabels ?? []) {
    if (scripts.graph.labelOwner(label) !== undefined) throw new RevisionWriteError(`Branch label "${label}" is already used by revision ${scripts.graph.labelOwner(label)}.`);
  }
  const now = options.now ?? new Date();
  mkdirSync(scripts.dir, { recursive: true });
  const file = join(scripts.dir, `${datePrefix(now)}_${revision}_${slug(options.message)}.ts`);
  if (existsSync(file)) throw new RevisionWriteError(`${file} already exists.`);
  writeFileSync(file, renderTemplate({ ...options, revision, parent, createdAt: now.toISOString() }));
  return { revision, downRevision: parent, file };
}

function datePrefix(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}_${pad(d.getUTCMonth() + 1)}_${pad(d.getUTCDate())}`;
}

export function slug(message: string): string {
  const s = message.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40).replace(/_+$/, "");
  return s || "revision";
}

interface TemplateInput extends NewRevisionOptions {
  readonly revision: string;
  readonly parent: string | readonly string[] | null;
  readonly createdAt: string;
}

function renderTemplate(t: TemplateInput): string {
  const lit = (v: unknown) => JSON.stringify(v);
  const comment = t.message.replace(/\*\//g, "* /");
  const down = t.parent === null ? "null" : lit(t.parent);
  return `/**
 * ${comment}
 *
 * Revision: ${t.revision}
 * Down revision: ${Array.isArray(t.parent) ? t.parent.join(", ") : (t.parent ?? "(base)")}
 * Created: ${t.createdAt}
 */
import type { Operations } from "@retort/runtime";

export const revision = ${lit(t.revision)};
export const downRevision: string | string[] | null = ${down};
export const branchLabels: string[] = ${lit(t.branchLabels ?? [])};
export const dependsOn: string[] = ${lit(t.dependsOn ?? [])};
export const message = ${lit(t.message)};
export const createdAt = ${lit(t.createdAt)};

export async function upgrade(op: Operations): Promise<void> {}

export async function downgrade(op: Operations): Promise<void> {}
`;
}
