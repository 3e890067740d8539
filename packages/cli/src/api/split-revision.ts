import type { RevisionDirective } from "@retort/codegen";
import type { DialectName, Operation } from "@retort/core";
import { randomBytes } from "node:crypto";

/**
 * PostgreSQL keeps a lock on every object a transaction creates or alters until it
 * commits, in a shared lock table sized by `max_locks_per_transaction` (64) × connections
 * (100): an initial revision creating a few thousand tables fails with "out of shared
 * memory". autogen therefore writes a very large set of changes as a chain of revisions
 * of at most this many operations each; every one still applies in one transaction, and
 * the chain applies with the server's default settings. README.md, "Very large revisions".
 */
export const MAX_OPERATIONS_PER_REVISION = 250;

/** Locks an operation takes, roughly: a created table brings its indexes, sequences and TOAST table. */
function weight(op: Operation): number {
  if (op.kind !== "createTable") return 1;
  return 3 + op.table.columns.length / 4;
}

/**
 * The directive as a chain of directives when it is too large for one PostgreSQL
 * transaction; otherwise the directive alone. Operations keep their order (tables
 * before the foreign keys that need them), so each part applies on top of the previous.
 * A directive with hand-set downgrade operations is never split.
 */
export function splitLargeRevision(directive: RevisionDirective, dialect: DialectName, max = MAX_OPERATIONS_PER_REVISION, newId: () => string = () => randomBytes(6).toString("hex")): RevisionDirective[] {
  const ops = directive.upgradeOps;
  const budget = max * 3; // a plain table weighs about 3
  if (dialect !== "postgres" || directive.downgradeOps !== null || ops.reduce((n, op) => n + weight(op), 0) <= budget) return [directive];
  const parts: Operation[][] = [[]];
  let used = 0;
  for (const op of ops) {
    if (used + weight(op) > budget && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      used = 0;
    }
    parts[parts.length - 1]!.push(op);
    used += weight(op);
  }
  const created = new Date(directive.createdAt).getTime();
  let previous: RevisionDirective | undefined;
  return parts.map((upgradeOps, i) => {
    const part: RevisionDirective = {
      revId: i === 0 ? directive.revId : newId(),
      message: `${directive.message} (part ${i + 1} of ${parts.length})`,
      downRevision: previous ? previous.revId : directive.downRevision,
      branchLabels: i === 0 ? directive.branchLabels : [],
      dependsOn: i === 0 ? directive.dependsOn : [],
      // A second apart, so that the files sort in the order they apply.
      createdAt: new Date(created + i * 1000).toISOString(),
      upgradeOps,
      downgradeOps: null,
    };
    previous = part;
    return part;
  });
}
