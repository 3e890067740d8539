import {
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingDownRevisionError,
  RevisionCycleError,
} from "./graph-errors";
import { asList, type RevisionHeader, type RevisionNode } from "./revision-header";

/**
 * The revision graph: revisions linked by `downRevision` (the versioned parent edges)
 * and `dependsOn` (ordering-only edges between branches). Pure: fed headers, no IO.
 *
 * The database's state is the set of applied revisions; the version table stores its
 * maxima along the parent edges (the heads of that set), as Alembic does.
 */
export class RevisionGraph {
  private readonly nodes = new Map<string, RevisionNode>();
  private readonly children = new Map<string, string[]>();
  private readonly dependents = new Map<string, string[]>();
  private readonly labelOwners = new Map<string, string>();
  /** Topological order, parents and dependencies first; ties keep the input order. */
  readonly order: readonly string[];

  constructor(headers: readonly RevisionHeader[]) {
    const files = new Map<string, string | undefined>();
    for (const h of headers) {
      if (files.has(h.revision)) throw new DuplicateRevisionError(h.revision, [files.get(h.revision), h.file]);
      files.set(h.revision, h.file);
    }
    for (const h of headers) {
      for (const label of asList(h.branchLabels)) {
        const owner = this.labelOwners.get(label);
        if (owner !== undefined) throw new DuplicateBranchLabelError(label, [owner, h.revision], "label");
        if (files.has(label)) throw new DuplicateBranchLabelError(label, [h.revision], "revision-id");
        this.labelOwners.set(label, h.revision);
      }
    }
    for (const h of headers) this.addNode(h, files);
    for (const id of this.nodes.keys()) {
      this.children.set(id, []);
      this.dependents.set(id, []);
    }
    for (const node of this.nodes.values()) {
      for (const p of node.downRevisions) this.children.get(p)!.push(node.revision);
      for (const d of node.dependsOn) this.dependents.get(d)!.push(node.revision);
    }
    this.order = this.topologicalOrder(headers.map((h) => h.revision));
  }

  private addNode(h: RevisionHeader, known: ReadonlyMap<string, unknown>): void {
    const downRevisions = asList(h.downRevision);
    for (const p of downRevisions) {
      if (p === h.revision) throw new RevisionCycleError([h.revision]);
      if (!known.has(p)) throw new MissingDownRevisionError(h.revision, p, h.file, "downRevision");
    }
    const dependsOn = asList(h.dependsOn).map((d) => {
      const id = known.has(d) ? d : this.labelOwners.get(d);
      if (id === undefined) throw new MissingDownRevisionError(h.revision, d, h.file, "dependsOn");
      if (id === h.revision) throw new RevisionCycleError([h.revision]);
      return id;
    });
    this.nodes.set(h.revision, {
      revision: h.revision,
      downRevisions: [...new Set(downRevisions)],
      branchLabels: asList(h.branchLabels),
      dependsOn: [...new Set(dependsOn)],
      file: h.file,
    });
  }

  /** Kahn's algorithm; what is left over lies on a cycle, which is then named. */
  private topologicalOrder(inputOrder: readonly string[]): string[] {
    const pending = new Map<string, number>();
    for (const id of inputOrder) pending.set(id, this.prerequisites(id).length);
    const ready = inputOrder.filter((id) => pending.get(id) === 0);
    const out: string[] = [];
    const position = new Map(inputOrder.map((id, i) => [id, i]));
    while (ready.length > 0) {
      const id = ready.shift()!;
      out.push(id);
      const next = [...this.children.get(id)!, ...this.dependents.get(id)!];
      for (const c of new Set(next)) {
        const left = pending.get(c)! - 1;
        pending.set(c, left);
        if (left === 0) insertSorted(ready, c, position);
      }
    }
    if (out.length < inputOrder.length) throw new RevisionCycleError(this.findCycle(new Set(out)));
    return out;
  }

  private findCycle(done: ReadonlySet<string>): string[] {
    const start = [...this.nodes.keys()].find((id) => !done.has(id))!;
    // Walk prerequisites that are themselves on or behind the cycle until one repeats.
    const path: string[] = [];
    const seen = new Map<string, number>();
    let current = start;
    while (!seen.has(current)) {
      seen.set(current, path.length);
      path.push(current);
      current = this.prerequisites(current).find((p) => !done.has(p))!;
    }
    return path.slice(seen.get(current)).reverse();
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  get(id: string): RevisionNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`internal: unknown revision ${id}`);
    return node;
  }

  ids(): readonly string[] {
    return this.order;
  }

  /** Revisions that must be applied before `id`: its parents and dependencies. */
  prerequisites(id: string): readonly string[] {
    const n = this.get(id);
    return [...new Set([...n.downRevisions, ...n.dependsOn])];
  }

  childrenOf(id: string): readonly string[] {
    return this.children.get(id) ?? [];
  }

  heads(): string[] {
    return this.order.filter((id) => this.childrenOf(id).length === 0);
  }

  bases(): string[] {
    return this.order.filter((id) => this.get(id).downRevisions.length === 0);
  }

  isMerge(id: string): boolean {
    return this.get(id).downRevisions.length > 1;
  }

  isBranchPoint(id: string): boolean {
    return this.childrenOf(id).length > 1;
  }

  branchPoints(): string[] {
    return this.order.filter((id) => this.isBranchPoint(id));
  }

  mergePoints(): string[] {
    return this.order.filter((id) => this.isMerge(id));
  }

  labels(): readonly string[] {
    return [...this.labelOwners.keys()];
  }

  labelOwner(label: string): string | undefined {
    return this.labelOwners.get(label);
  }

  /**
   * The revisions a branch label covers: the labelled revision, all its descendants,
   * and its ancestors up to the nearest branch point or merge (Alembic's rule).
   */
  labelMembers(label: string): ReadonlySet<string> {
    const owner = this.labelOwners.get(label);
    if (owner === undefined) return new Set();
    const members = this.versionedDescendants([owner]);
    let node = this.get(owner);
    while (node.downRevisions.length === 1) {
      const parent = node.downRevisions[0]!;
      if (this.isBranchPoint(parent)) break;
      members.add(parent);
      node = this.get(parent);
    }
    return members;
  }

  /** Every revision reached through parents and dependencies (the ids themselves when inclusive). */
  ancestors(ids: Iterable<string>, inclusive: boolean): Set<string> {
    return this.closure(ids, inclusive, (id) => this.prerequisites(id));
  }

  /** Every revision reached through children and dependents. */
  descendants(ids: Iterable<string>, inclusive: boolean): Set<string> {
    return this.closure(ids, inclusive, (id) => [...this.childrenOf(id), ...(this.dependents.get(id) ?? [])]);
  }

  /** The ids and what descends from them through parent edges only (no dependencies). */
  versionedDescendants(ids: Iterable<string>): Set<string> {
    return this.closure(ids, true, (id) => this.childrenOf(id));
  }

  private closure(ids: Iterable<string>, inclusive: boolean, next: (id: string) => readonly string[]): Set<string> {
    const out = new Set<string>();
    const stack: string[] = [];
    for (const id of ids) {
      if (inclusive) out.add(id);
      stack.push(...next(id));
    }
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...next(id));
    }
    return out;
  }

  /** The given set in topological order. */
  sorted(ids: ReadonlySet<string>): string[] {
    return this.order.filter((id) => ids.has(id));
  }

  /** The maxima of a set along parent edges: what the version table stores for it. */
  headsOf(applied: ReadonlySet<string>): string[] {
    return this.sorted(applied).filter((id) => !this.childrenOf(id).some((c) => applied.has(c)));
  }
}

function insertSorted(list: string[], id: string, position: ReadonlyMap<string, number>): void {
  const p = position.get(id)!;
  const at = list.findIndex((other) => position.get(other)! > p);
  if (at < 0) list.push(id);
  else list.splice(at, 0, id);
}
