import { qualifiedName, type AlterColumnOp, type DroppedConstraint, type Operation, type TableRef, type ViewModel } from "@retort/core";
import type { DiffEntry, DiffKind, JsonValue } from "./diff-entry";
import {
  checkSummary,
  columnSummary,
  foreignKeySummary,
  indexSummary,
  tableSummary,
  typeWithAutoIncrement,
} from "./summaries";

const key = (schema: string | null, table: string) => `${schema ?? ""}\u0000${table}`;

function tableEntry(kind: DiffKind, ref: TableRef, name: string | null, details: DiffEntry["details"]): DiffEntry {
  return { kind, schema: ref.schema, table: ref.table, column: null, name, details };
}

function columnEntry(kind: DiffKind, ref: TableRef, column: string, details: DiffEntry["details"]): DiffEntry {
  return { kind, schema: ref.schema, table: ref.table, column, name: null, details };
}

/** One entry per changed attribute (docs/reference.md §3); an auto-increment change is part of the type. */
function describeAlterColumn(op: AlterColumnOp): DiffEntry[] {
  const { changes, existing } = op;
  const entries: DiffEntry[] = [];
  if (changes.type || changes.autoIncrement) {
    const fromType = changes.type?.from ?? existing.type;
    const toType = changes.type?.to ?? existing.type;
    const fromAuto = changes.autoIncrement ? changes.autoIncrement.from : existing.autoIncrement;
    const toAuto = changes.autoIncrement ? changes.autoIncrement.to : existing.autoIncrement;
    const withAuto = changes.autoIncrement !== undefined;
    entries.push(
      columnEntry("modify_type", op, op.column, {
        before: withAuto ? typeWithAutoIncrement(fromType, fromAuto) : typeWithAutoIncrement(fromType, null),
        after: withAuto ? typeWithAutoIncrement(toType, toAuto) : typeWithAutoIncrement(toType, null),
      }),
    );
  }
  if (changes.nullable) entries.push(columnEntry("modify_nullable", op, op.column, { before: changes.nullable.from, after: changes.nullable.to }));
  if (changes.default) entries.push(columnEntry("modify_default", op, op.column, { before: changes.default.from, after: changes.default.to }));
  if (changes.comment) entries.push(columnEntry("modify_comment", op, op.column, { before: changes.comment.from, after: changes.comment.to }));
  if (changes.collation) entries.push(columnEntry("modify_collation", op, op.column, { before: changes.collation.from, after: changes.collation.to }));
  if (changes.onUpdate) entries.push(columnEntry("modify_on_update", op, op.column, { before: changes.onUpdate.from, after: changes.onUpdate.to }));
  return entries;
}

function describeConstraint(ref: TableRef, c: DroppedConstraint, side: "before" | "after"): DiffEntry {
  const add = side === "after";
  switch (c.type) {
    case "unique":
      return tableEntry(add ? "add_unique" : "remove_unique", ref, c.unique.name, { [side]: { columns: [...c.unique.columns] } });
    case "foreignKey":
      return tableEntry(add ? "add_fk" : "remove_fk", ref, c.foreignKey.name, { [side]: foreignKeySummary(c.foreignKey) });
    case "check":
      return tableEntry(add ? "add_check" : "remove_check", ref, c.check.name, { [side]: checkSummary(c.check) });
    case "primaryKey":
      return tableEntry(add ? "add_pk" : "remove_pk", ref, c.primaryKey.name, { [side]: { columns: [...c.primaryKey.columns] } });
  }
}

function describeOne(op: Operation): DiffEntry[] {
  switch (op.kind) {
    case "createTable":
      return [tableEntry("add_table", { schema: op.table.schema, table: op.table.name }, null, { after: tableSummary(op.table) })];
    case "dropTable":
      return [tableEntry("remove_table", { schema: op.table.schema, table: op.table.name }, null, { before: tableSummary(op.table) })];
    case "alterTableComment":
      return [tableEntry("modify_table_comment", op, null, { before: op.comment.from, after: op.comment.to })];
    case "addColumn":
      return [columnEntry("add_column", op, op.column.name, { after: columnSummary(op.column) })];
    case "dropColumn":
      return [columnEntry("remove_column", op, op.column.name, { before: columnSummary(op.column) })];
    case "alterColumn":
      return describeAlterColumn(op);
    case "createIndex":
      return [tableEntry("add_index", op, op.index.name, { after: indexSummary(op.index) })];
    case "dropIndex":
      return [tableEntry("remove_index", op, op.index.name, { before: indexSummary(op.index) })];
    case "createUniqueConstraint":
      return [describeConstraint(op, { type: "unique", unique: op.unique }, "after")];
    case "createForeignKey":
      return [describeConstraint(op, { type: "foreignKey", foreignKey: op.foreignKey }, "after")];
    case "createCheckConstraint":
      return [describeConstraint(op, { type: "check", check: op.check }, "after")];
    case "createPrimaryKey":
      return [describeConstraint(op, { type: "primaryKey", primaryKey: op.primaryKey }, "after")];
    case "dropConstraint":
      return [describeConstraint(op, op.constraint, "before")];
    case "createExclusionConstraint":
      return [tableEntry("add_exclusion", op, op.exclusion.name, { after: { expression: op.exclusion.expression } })];
    case "dropExclusionConstraint":
      return [tableEntry("remove_exclusion", op, op.exclusion.name, { before: { expression: op.exclusion.expression } })];
    case "createExtension":
      return [enumEntry("add_extension", null, op.extension.name, { after: { name: op.extension.name } })];
    case "dropExtension":
      return [enumEntry("remove_extension", null, op.extension.name, { before: { name: op.extension.name } })];
    case "createEnum":
      return [enumEntry("add_enum", op.enumType.schema, op.enumType.name, { after: { values: [...op.enumType.values] } })];
    case "dropEnum":
      return [enumEntry("remove_enum", op.enumType.schema, op.enumType.name, { before: { values: [...op.enumType.values] } })];
    case "alterEnum":
      return [
        enumEntry("modify_enum", op.schema, op.name, {
          before: [...op.values.from],
          after: [...op.values.to],
          added: op.values.to.filter((v) => !op.values.from.includes(v)),
          removed: op.values.from.filter((v) => !op.values.to.includes(v)),
        }),
      ];
    case "createView":
      return [viewEntry("add_view", op.view, { after: viewSummary(op.view) })];
    case "dropView":
      return [viewEntry("remove_view", op.view, { before: viewSummary(op.view) })];
    case "replaceView":
      return [viewEntry("modify_view", op.view.to, { before: viewSummary(op.view.from), after: viewSummary(op.view.to) })];
    case "refreshMaterializedView":
      return [];
    case "batchAlterTable":
      return op.operations.flatMap(describeOne);
    // Never produced by the comparator; a hand-edited op list may hold them, and docs/reference.md §3 has no kind for them.
    case "renameTable":
    case "execute":
    case "bulkInsert":
      return [];
  }
}

function enumEntry(kind: DiffKind, schema: string | null, name: string, details: Record<string, JsonValue>): DiffEntry {
  return { kind, schema, table: null, column: null, name, details };
}

function viewEntry(kind: DiffKind, view: ViewModel, details: Record<string, JsonValue>): DiffEntry {
  return { kind, schema: view.schema, table: null, column: null, name: view.name, details };
}

function viewSummary(view: ViewModel): JsonValue {
  return {
    definition: view.definition,
    materialized: view.materialized,
    ...(view.materialized ? { indexes: view.indexes.map((i) => ({ name: i.name, ...(indexSummary(i) as Record<string, JsonValue>) })) } : {}),
  };
}

/**
 * A view the list drops and creates again is one entry: none when it is only put back
 * around a table change (`recreated`), else `modify_view` where it is created.
 */
function describeViews(ops: readonly Operation[]): (op: Operation) => DiffEntry[] | null {
  const dropped = new Map<string, ViewModel>();
  for (const op of ops) if (op.kind === "dropView") dropped.set(qualifiedName(op.view), op.view);
  const recreatedKeys = new Set(ops.flatMap((op) => (op.kind === "createView" && dropped.has(qualifiedName(op.view)) ? [qualifiedName(op.view)] : [])));
  return (op) => {
    if (op.kind !== "dropView" && op.kind !== "createView") return null;
    const key = qualifiedName(op.view);
    if (!recreatedKeys.has(key)) return null;
    if (op.kind === "dropView" || op.recreated) return [];
    return [viewEntry("modify_view", op.view, { before: viewSummary(dropped.get(key)!), after: viewSummary(op.view) })];
  };
}

/** Whether an operation belongs to a table that the same list creates or drops whole. */
function partOfWholeTable(op: Operation, whole: ReadonlySet<string>): boolean {
  switch (op.kind) {
    case "createForeignKey":
    case "dropConstraint":
    case "createIndex":
    case "dropIndex":
    case "createUniqueConstraint":
    case "createCheckConstraint":
    case "createPrimaryKey":
      return whole.has(key(op.schema, op.table));
    default:
      return false;
  }
}

/**
 * The docs/reference.md §3 entries for a list of operations, in the same order. A created or
 * dropped table is one entry: constraints the list adds to it or drops from it (a
 * foreign key that closes a cycle) get none of their own.
 */
export function describeOperations(ops: readonly Operation[]): DiffEntry[] {
  const whole = new Set(
    ops.flatMap((op) => (op.kind === "createTable" || op.kind === "dropTable" ? [key(op.table.schema, op.table.name)] : [])),
  );
  const views = describeViews(ops);
  return ops.filter((op) => !partOfWholeTable(op, whole)).flatMap((op) => views(op) ?? describeOne(op));
}
