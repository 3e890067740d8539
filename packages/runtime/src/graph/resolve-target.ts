import type { Destination } from "./destination";
import {
  AmbiguousRevisionError,
  InvalidTargetError,
  MultipleHeadsError,
  UnknownRevisionError,
} from "./graph-errors";
import type { RevisionGraph } from "./revision-graph";

const MIN_PREFIX = 4;
const RELATIVE = /^([+-])(\d+)$/;
const REV_RELATIVE = /^(.+?)([+-])(\d+)$/;

/**
 * Resolves a target of docs/reference.md §2 against the graph. `current` is the database's heads,
 * or `undefined` offline, where targets relative to the database are refused.
 */
export function resolveTarget(graph: RevisionGraph, target: string, current?: readonly string[]): Destination {
  return new TargetResolver(graph, target, current).resolve();
}

/** Resolves a single revision (full id, prefix, or branch label): for `show` and ranges. */
export function resolveRevision(graph: RevisionGraph, ident: string): string {
  return new TargetResolver(graph, ident, undefined).revision(ident);
}

type Step = { readonly kind: "rev"; readonly id: string } | { readonly kind: "below"; readonly id: string } | { readonly kind: "base" };

class TargetResolver {
  constructor(
    private readonly graph: RevisionGraph,
    private readonly target: string,
    private readonly current: readonly string[] | undefined,
  ) {}

  resolve(): Destination {
    const t = this.target.trim();
    if (t === "") throw new InvalidTargetError(this.target, "it is empty.");
    if (t === "base") return { kind: "base" };
    if (t === "heads") return { kind: "revisions", ids: this.graph.heads() };
    if (t === "head") return revisions([this.singleHead(this.graph.heads(), "heads", "label@head")]);
    const rel = RELATIVE.exec(t);
    if (rel) return this.toDestination(this.walkFromCurrent(rel[1]!, Number(rel[2]), undefined, t));
    const at = t.indexOf("@");
    if (at >= 0) return this.resolveAt(t.slice(0, at), t.slice(at + 1));
    if (this.isRevisionLike(t)) return revisions([this.revision(t)]);
    const revRel = REV_RELATIVE.exec(t);
    if (revRel) return this.toDestination(this.walk(this.revision(revRel[1]!), revRel[2]!, Number(revRel[3]), undefined));
    return revisions([this.revision(t)]);
  }

  /** `<label>@head`, `<label>@base`, `<label>@±N`, `<rev>@head`, `<rev>@<label>`, `<label>@<rev>`. */
  private resolveAt(left: string, right: string): Destination {
    const label = this.graph.labelOwner(left) !== undefined ? left : undefined;
    if (right === "head" || right === "heads") {
      const scope = label !== undefined ? this.graph.labelMembers(label) : this.graph.versionedDescendants([this.revision(left)]);
      const heads = this.graph.heads().filter((h) => scope.has(h));
      if (right === "heads") return revisions(heads);
      return revisions([this.singleHead(heads, `${left}@heads`, "a revision id")]);
    }
    if (right === "base") {
      if (label === undefined) throw new InvalidTargetError(this.target, `"${left}" is not a branch label.`);
      const members = this.graph.labelMembers(label);
      const roots = this.graph.sorted(members).filter((id) => !this.graph.get(id).downRevisions.some((p) => members.has(p)));
      return { kind: "below", revision: this.singleHead(roots, `${left}@base`, "a revision id"), branch: label };
    }
    const rel = RELATIVE.exec(right);
    if (rel) {
      if (label !== undefined) return this.toDestination(this.walkFromCurrent(rel[1]!, Number(rel[2]), label, this.target), label);
      return this.toDestination(this.walk(this.revision(left), rel[1]!, Number(rel[2]), undefined));
    }
    // `<rev>@<label>` or `<label>@<rev>`: the revision, checked to lie on that branch.
    const [revPart, labelPart] = label !== undefined ? [right, label] : [left, right];
    if (this.graph.labelOwner(labelPart) === undefined) {
      throw new InvalidTargetError(this.target, `neither "${left}" nor "${right}" is a branch label (known labels: ${this.graph.labels().join(", ") || "none"}).`);
    }
    const id = this.revision(revPart);
    if (!this.graph.labelMembers(labelPart).has(id)) {
      throw new InvalidTargetError(this.target, `revision ${id} is not on branch "${labelPart}".`);
    }
    return { kind: "revisions", ids: [id], branch: labelPart };
  }

  private isRevisionLike(t: string): boolean {
    return this.graph.has(t) || this.graph.labelOwner(t) !== undefined || this.prefixMatches(t).length > 0;
  }

  private prefixMatches(t: string): string[] {
    if (t.length < MIN_PREFIX) return [];
    return this.graph.ids().filter((id) => id.startsWith(t));
  }

  /** A full id, a unique prefix of at least 4 characters, or a branch label. */
  revision(ident: string): string {
    if (this.graph.has(ident)) return ident;
    const owner = this.graph.labelOwner(ident);
    if (owner !== undefined) return owner;
    const matches = this.prefixMatches(ident);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AmbiguousRevisionError(ident, matches);
    throw new UnknownRevisionError(ident);
  }

  private singleHead(heads: readonly string[], plural: string, alternative: string): string {
    if (heads.length === 1) return heads[0]!;
    if (heads.length === 0) throw new InvalidTargetError(this.target, "there are no revisions to choose from.");
    throw new MultipleHeadsError(
      this.target,
      heads,
      `Merge them into one with \`retort merge -m "merge heads" heads\`, or name one: use \`${plural}\` for all of them, \`${alternative}\` (${this.labelHint(heads)}), or a revision id.`,
    );
  }

  private labelHint(heads: readonly string[]): string {
    const hints = this.graph.labels().filter((l) => heads.some((h) => this.graph.labelMembers(l).has(h)));
    return hints.length > 0 ? `labels: ${hints.join(", ")}` : "no branch labels yet; add one with --branch-label";
  }

  private requireCurrent(): readonly string[] {
    if (this.current === undefined) {
      throw new InvalidTargetError(this.target, "a target relative to the database's revision needs a connection; offline (--sql) give an explicit from:to range.");
    }
    return this.current;
  }

  /** `±N` or `label@±N`: N steps from the database's revision (on that branch). */
  private walkFromCurrent(sign: string, n: number, label: string | undefined, shown: string): Step {
    const current = this.requireCurrent();
    const applied = this.graph.ancestors(current, true);
    const scope = label !== undefined ? this.graph.labelMembers(label) : undefined;
    const inScope = scope ? new Set([...applied].filter((id) => scope.has(id))) : applied;
    const tops = this.graph.headsOf(inScope);
    if (tops.length > 1) {
      throw new MultipleHeadsError(shown, tops, `The database is at several heads; name a branch: \`<label>@${sign}${n}\` (${this.labelHint(tops)}), or a revision id.`);
    }
    if (tops.length === 0) {
      if (sign === "-") throw new InvalidTargetError(shown, "the database is at base; there is nothing to go back from.");
      return this.walk(undefined, "+", n, scope);
    }
    return this.walk(tops[0]!, sign, n, scope);
  }

  private walk(from: string | undefined, sign: string, n: number, scope: ReadonlySet<string> | undefined): Step {
    if (n === 0) return from === undefined ? { kind: "base" } : { kind: "rev", id: from };
    return sign === "+" ? this.walkUp(from, n, scope) : this.walkDown(from!, n);
  }

  private walkUp(from: string | undefined, n: number, scope: ReadonlySet<string> | undefined): Step {
    let at = from;
    for (let step = 1; step <= n; step++) {
      let next = at === undefined ? this.graph.bases() : [...this.graph.childrenOf(at)];
      if (scope) next = next.filter((id) => scope.has(id));
      if (at === undefined && scope) next = this.graph.sorted(scope).filter((id) => !this.graph.get(id).downRevisions.some((p) => scope.has(p)));
      if (next.length === 0) throw new InvalidTargetError(this.target, `only ${step - 1} revision(s) lie above ${at ?? "base"}.`);
      if (next.length > 1) {
        throw new MultipleHeadsError(this.target, next, `${at ?? "base"} branches into ${next.join(", ")}; use \`<label>@+N\` or a revision id.`);
      }
      at = next[0]!;
    }
    return { kind: "rev", id: at! };
  }

  private walkDown(from: string, n: number): Step {
    let at = from;
    for (let step = 1; step <= n; step++) {
      const parents = this.graph.get(at).downRevisions;
      if (parents.length === 0) {
        if (step === n) return { kind: "below", id: at };
        throw new InvalidTargetError(this.target, `only ${step} revision(s) lie below ${from}.`);
      }
      if (parents.length > 1) {
        throw new InvalidTargetError(this.target, `${at} merges ${parents.join(", ")}; name the revision to go back to.`);
      }
      at = parents[0]!;
    }
    return { kind: "rev", id: at };
  }

  private toDestination(step: Step, branch?: string): Destination {
    const scope = branch !== undefined ? { branch } : {};
    if (step.kind === "base") return { kind: "base" };
    if (step.kind === "below") return { kind: "below", revision: step.id, ...scope };
    return { kind: "revisions", ids: [step.id], ...scope };
  }
}

function revisions(ids: readonly string[]): Destination {
  return { kind: "revisions", ids };
}
