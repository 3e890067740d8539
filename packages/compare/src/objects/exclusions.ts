import type { ExclusionConstraintModel } from "@retort/core";
import { includes, type TableChanges, type TableScope } from "../table-scope";

/**
 * PostgreSQL exclusion constraints (docs/schema-objects.md, "Exclusion constraints"),
 * matched by name. Both sides carry the expression as PostgreSQL prints it, so a changed
 * expression is a real change: dropped and created again. A table without the field has none.
 */
export function compareExclusions(scope: TableScope, out: TableChanges): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const target = scope.target.exclusions ?? [];
  const actual = scope.actual.exclusions ?? [];
  const keep = (t: ExclusionConstraintModel | null, a: ExclusionConstraintModel | null) =>
    includes(scope, "exclusion_constraint", (x) => x.name, t, a);
  const drop = (exclusion: ExclusionConstraintModel) => out.dropConstraints.push({ kind: "dropExclusionConstraint", ...where, exclusion });
  const create = (exclusion: ExclusionConstraintModel) => out.createConstraints.push({ kind: "createExclusionConstraint", ...where, exclusion });
  for (const a of actual) {
    const t = target.find((x) => x.name === a.name) ?? null;
    if (t === null) {
      if (keep(null, a)) drop(a);
    } else if (t.expression !== a.expression && keep(t, a)) {
      drop(a);
      create(t);
    }
  }
  for (const t of target) if (!actual.some((a) => a.name === t.name) && keep(t, null)) create(t);
}
