import type { CheckConstraintModel } from "@retort/core";
import { pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";

/**
 * Checks are matched by name where both sides are named (a named check whose expression
 * changed is dropped and created again), else by their normalised expression (SQLite's
 * unnamed checks).
 */
export function compareChecks(scope: TableScope, out: TableChanges): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const { both, onlyTarget, onlyActual } = pairObjects(scope.target.checks, scope.actual.checks, [
    { key: (c) => c.name },
    { key: (c) => c.expression, accept: (t, a) => t.name === null || a.name === null },
  ]);
  const keep = (t: CheckConstraintModel | null, a: CheckConstraintModel | null) => includes(scope, "check_constraint", (c) => c.name, t, a);
  const drop = (check: CheckConstraintModel) =>
    out.dropConstraints.push({ kind: "dropConstraint", ...where, constraint: { type: "check", check } });
  const create = (check: CheckConstraintModel) => out.createConstraints.push({ kind: "createCheckConstraint", ...where, check });
  for (const a of onlyActual) if (keep(null, a)) drop(a);
  for (const [t, a] of both) {
    if (t.expression === a.expression || !keep(t, a)) continue;
    drop(a);
    create(t);
  }
  for (const t of onlyTarget) if (keep(t, null)) create(t);
}
