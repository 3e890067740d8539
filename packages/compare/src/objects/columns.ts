import { renderedDefault, type AutoIncrementKind, type ColumnChanges, type ColumnModel, type Operation } from "@retort/core";
import { decide, type ColumnCompareContext } from "../options";
import { pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";
import { typesDiffer } from "./column-types";
import { defaultsEqual } from "./defaults";

const SERIAL_DEFAULT = /^nextval\(/i;

function sameAutoIncrement(scope: TableScope, a: AutoIncrementKind | null, b: AutoIncrementKind | null): boolean {
  const synonyms = scope.traits.autoIncrementSynonyms;
  const canonical = (k: AutoIncrementKind | null) => (k !== null && k in synonyms ? (synonyms[k] ?? null) : k);
  return canonical(a) === canonical(b);
}

/** A serial's `nextval(...)` default is part of being serial, not a default of its own. */
function effectiveDefault(c: ColumnModel): string | null {
  return c.autoIncrement === "serial" && c.default !== null && SERIAL_DEFAULT.test(c.default) ? null : c.default;
}

function columnContext(scope: TableScope, target: ColumnModel, actual: ColumnModel, defaultRule: boolean): ColumnCompareContext {
  return { dialect: scope.dialect, schema: scope.ref.schema, table: scope.ref.table, target, actual, defaultRule };
}

/** The per-attribute changes that turn `actual` into `target` (empty when in sync). */
export function columnChanges(scope: TableScope, target: ColumnModel, actual: ColumnModel): ColumnChanges {
  const { options } = scope;
  const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {};
  const typeDiffers = decide(
    options.compareType,
    (rule) => ({ ...columnContext(scope, target, actual, rule), targetType: target.type, actualType: actual.type }),
    typesDiffer(target.type, actual.type, scope.traits),
  );
  if (typeDiffers) changes.type = { from: actual.type, to: target.type };
  if (target.nullable !== actual.nullable) changes.nullable = { from: actual.nullable, to: target.nullable };
  const targetDefault = effectiveDefault(target);
  const actualDefault = effectiveDefault(actual);
  const defaultDiffers = decide(
    options.compareServerDefault,
    (rule) => ({ ...columnContext(scope, target, actual, rule), targetDefault, actualDefault }),
    !defaultsEqual(targetDefault, actualDefault, target.type),
  );
  if (defaultDiffers) changes.default = { from: actual.default, to: renderedDefault(target) };
  if (scope.traits.comments && target.comment !== actual.comment) changes.comment = { from: actual.comment, to: target.comment };
  if (!defaultsEqual(target.onUpdate, actual.onUpdate, target.type)) changes.onUpdate = { from: actual.onUpdate, to: target.onUpdate };
  if (collationsDiffer(scope, target.collation, actual.collation)) changes.collation = { from: actual.collation, to: target.collation };
  // A synonym (SQLite's implicit rowid) is no change by itself, but it is part of a type
  // change: a rowid alias stops being one when its type is no longer INTEGER.
  const autoIncrementChanged = changes.type
    ? target.autoIncrement !== actual.autoIncrement
    : !sameAutoIncrement(scope, target.autoIncrement, actual.autoIncrement);
  if (autoIncrementChanged) changes.autoIncrement = { from: actual.autoIncrement, to: target.autoIncrement };
  return changes;
}

/**
 * Where a column's collation is kept relative to the table's (MySQL), `null` means "the
 * table's default". With the reflected table's default known, an entity collation equal
 * to it is `null` too and the sides are compared as they are, so adding or removing a
 * column collation is a change; without it (a model not read from a live database) only
 * two named collations are compared (docs/synchronize-features.md, "Collation").
 */
function collationsDiffer(scope: TableScope, target: string | null, actual: string | null): boolean {
  if (!scope.traits.collationRelativeToTable) return target !== actual;
  const tableDefault = scope.actual.defaultCollation;
  const relative = (c: string | null) => (c === null || c.toLowerCase() === tableDefault?.toLowerCase() ? null : c.toLowerCase());
  if (typeof tableDefault === "string") return relative(target) !== relative(actual);
  return target !== null && actual !== null && target.toLowerCase() !== actual.toLowerCase();
}

/** A generated column's expression cannot be altered in place on any engine: drop and add it. */
function generatedDiffers(target: ColumnModel, actual: ColumnModel): boolean {
  return JSON.stringify(target.generated) !== JSON.stringify(actual.generated);
}

/**
 * Columns are matched by name; their order in the table is not compared (no engine
 * but MySQL can move one, and TypeORM does not either).
 */
export function compareColumns(scope: TableScope, out: TableChanges): void {
  const { ref } = scope;
  const where = { schema: ref.schema, table: ref.table };
  const { both, onlyTarget, onlyActual } = pairObjects(scope.target.columns, scope.actual.columns, [{ key: (c) => c.name }]);
  const keep = (t: ColumnModel | null, a: ColumnModel | null) => includes(scope, "column", (c) => c.name, t, a);
  const adds: Operation[] = [];
  const alters: Operation[] = [];
  const drops: Operation[] = [];
  const regenerated: Operation[] = [];
  for (const c of onlyTarget) if (keep(c, null)) adds.push({ kind: "addColumn", ...where, column: c });
  for (const [t, a] of both) {
    if (!keep(t, a)) continue;
    if (generatedDiffers(t, a)) {
      regenerated.push({ kind: "dropColumn", ...where, column: a }, { kind: "addColumn", ...where, column: t });
      continue;
    }
    const changes = columnChanges(scope, t, a);
    if (Object.keys(changes).length > 0) alters.push({ kind: "alterColumn", ...where, column: a.name, changes, existing: a });
  }
  for (const c of onlyActual) if (keep(null, c)) drops.push({ kind: "dropColumn", ...where, column: c });
  out.columns.push(...regenerated, ...adds, ...alters, ...drops);
}
