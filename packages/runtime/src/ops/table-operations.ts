import {
  column,
  index,
  type AlterColumnChanges,
  type AlterColumnOp,
  type ColumnChanges,
  type ColumnDefinition,
  type ConstraintType,
  type CreateIndexOptions,
  type Deferrable,
  type DialectName,
  type DroppedConstraint,
  type ForeignKeyDefinition,
  type IndexPartDefinition,
  type TableOperation,
  type TableRef,
} from "@retort/core";
import { dialectAutoIncrement } from "@retort/dialects";
import { columnModel, enumFacts, foreignKeyModel, indexModel, typeOf, UNKNOWN_TYPE } from "./definitions";

/**
 * Builds the table-scoped operations from op API arguments, for a table `ref`. Shared by
 * the `op` object and the batch recorder, so both produce the same plain data.
 */
export function tableOperations(ref: TableRef, dialect: DialectName) {
  const at = { schema: ref.schema, table: ref.table };
  return {
    addColumn: (def: ColumnDefinition): TableOperation[] => [
      { kind: "addColumn", ...at, column: columnModel(def, dialect) },
      ...(def.primaryKey ? [primaryKey(at, null, [def.name])] : []),
    ],
    dropColumn: (name: string): TableOperation => ({ kind: "dropColumn", ...at, column: column(name, UNKNOWN_TYPE) }),
    alterColumn: (name: string, changes: AlterColumnChanges): AlterColumnOp => alterColumn(at, name, changes, dialect),
    createIndex: (name: string, parts: readonly IndexPartDefinition[], options: CreateIndexOptions = {}): TableOperation => ({
      kind: "createIndex",
      ...at,
      index: indexModel(name, parts, options),
      concurrently: options.concurrently ?? false,
    }),
    dropIndex: (name: string, concurrently = false): TableOperation => ({ kind: "dropIndex", ...at, index: index(name, []), concurrently }),
    createPrimaryKey: (name: string | null, columns: readonly string[]): TableOperation => primaryKey(at, name, columns),
    createUniqueConstraint: (name: string | null, columns: readonly string[], deferrable?: Deferrable): TableOperation => ({
      kind: "createUniqueConstraint",
      ...at,
      unique: { name, columns, deferrable: deferrable ?? null },
    }),
    createForeignKey: (name: string | null, fk: ForeignKeyDefinition): TableOperation => ({
      kind: "createForeignKey",
      ...at,
      foreignKey: foreignKeyModel(name, fk),
    }),
    createCheckConstraint: (name: string | null, expression: string): TableOperation => ({
      kind: "createCheckConstraint",
      ...at,
      check: { name, expression },
    }),
    dropConstraint: (name: string | null, type: ConstraintType, implicitIndex?: boolean, columns: readonly string[] = []): TableOperation => ({
      kind: "dropConstraint",
      ...at,
      constraint: droppedConstraint(name, type, columns),
      ...(implicitIndex && type === "foreignKey" ? { implicitIndex: true } : {}),
    }),
  };
}

function primaryKey(at: TableRef, name: string | null, columns: readonly string[]): TableOperation {
  return { kind: "createPrimaryKey", ...at, primaryKey: { name, columns } };
}

/**
 * A constraint known by name only: renderers need no more, batch mode looks up the rest.
 * An unnamed one (SQLite batch mode only) is known by its columns.
 */
function droppedConstraint(name: string | null, type: ConstraintType, columns: readonly string[]): DroppedConstraint {
  switch (type) {
    case "unique":
      return { type, unique: { name, columns, deferrable: null } };
    case "foreignKey":
      return { type, foreignKey: foreignKeyModel(name, { columns, referencedTable: "", referencedColumns: [] }) };
    case "check":
      return { type, check: { name, expression: "" } };
    case "primaryKey":
      return { type, primaryKey: { name, columns: [] } };
  }
}

/**
 * The column before the change, from the `existing*` facts the migration carries;
 * unknown facts stay unknown (UNKNOWN_TYPE) so a renderer that needs them can ask.
 */
function alterColumn(at: TableRef, name: string, c: AlterColumnChanges, dialect: DialectName): AlterColumnOp {
  const existing = column(name, c.existingType ? typeOf(c.existingType, dialect) : UNKNOWN_TYPE, {
    nullable: c.existingNullable ?? (c.nullable !== undefined ? !c.nullable : true),
    default: c.existingDefault ?? null,
    comment: c.existingComment ?? null,
    autoIncrement: dialectAutoIncrement(c.existingAutoIncrement ?? null, dialect),
    onUpdate: c.existingOnUpdate ?? null,
    collation: c.existingCollation ?? null,
  });
  const changes: ColumnChanges = {
    ...(c.type !== undefined ? { type: { from: existing.type, to: typeOf(c.type, dialect, enumFacts(c)) } } : {}),
    ...(c.nullable !== undefined ? { nullable: { from: existing.nullable, to: c.nullable } } : {}),
    ...(c.default !== undefined ? { default: { from: existing.default, to: c.default } } : {}),
    ...(c.comment !== undefined ? { comment: { from: existing.comment, to: c.comment } } : {}),
    ...(c.newName !== undefined && c.newName !== name ? { name: { from: name, to: c.newName } } : {}),
    ...(c.autoIncrement !== undefined ? { autoIncrement: { from: existing.autoIncrement, to: dialectAutoIncrement(c.autoIncrement, dialect) } } : {}),
    ...(c.onUpdate !== undefined ? { onUpdate: { from: existing.onUpdate, to: c.onUpdate } } : {}),
    ...(c.collation !== undefined ? { collation: { from: existing.collation, to: c.collation } } : {}),
  };
  return { kind: "alterColumn", ...at, column: name, changes, existing };
}
