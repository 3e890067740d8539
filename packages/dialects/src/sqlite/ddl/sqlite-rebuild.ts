import {
  applyOperation,
  ModelMismatchError,
  RetortError,
  type ColumnModel,
  type SchemaModel,
  type TableModel,
  type TableOperation,
} from "@retort/core";
import { SQLITE_QUOTING as q } from "../../ddl/identifiers";
import { createSqliteIndex, createSqliteTableStatement } from "./sqlite-renderers";
import { formatSqliteType } from "./sqlite-column";

/** Where a column of the rebuilt table takes its rows from. */
interface ColumnSource {
  readonly from: string;
  /** The new type when it changed: the copy casts to it. */
  readonly cast: ColumnModel["type"] | null;
}

export interface SqliteRebuildPlan {
  readonly before: TableModel;
  readonly after: TableModel;
  /** Statements in order: create the new table, copy, drop, rename, indexes, triggers. */
  readonly statements: readonly string[];
}

/** A view of the database, in creation order (views may use earlier views). */
export interface ViewSql {
  readonly name: string;
  readonly sql: string;
}

/** What the model does not carry but a rebuild must keep, read from sqlite_master. */
export interface LiveSqliteObjects {
  /** The table's own CREATE TABLE text: its options (WITHOUT ROWID, STRICT) come from there. */
  readonly tableSql: string;
  /** CREATE TRIGGER statements of the table. */
  readonly triggers: readonly string[];
  /** Every view of the database. */
  readonly views: readonly ViewSql[];
}

/** `WITHOUT ROWID`, `STRICT`: what follows the column list's closing parenthesis. */
export function sqliteTableOptions(createTableSql: string): string {
  const rest = createTableSql.slice(createTableSql.lastIndexOf(")") + 1).trim();
  return /^(?:(?:WITHOUT\s+ROWID|STRICT)\s*,?\s*)+$/i.test(rest) ? ` ${rest}` : "";
}

export const rebuildTableName = (table: string) => `_retort_tmp_${table}`;

/**
 * Plans SQLite's move-and-copy (https://www.sqlite.org/lang_altertable.html#otheralter):
 * the table's model after the batch's operations, and the statements that get there while
 * keeping every row. Pure: the caller reads `before` (and the table's trigger SQL) from
 * the database, runs the statements with foreign keys off, then checks them.
 */
export function planSqliteRebuild(before: TableModel, operations: readonly TableOperation[], live: LiveSqliteObjects): SqliteRebuildPlan {
  const sources = new Map<string, ColumnSource>(before.columns.map((c) => [c.name, { from: c.name, cast: null }]));
  let model: SchemaModel = { dialect: "sqlite", defaultSchema: "main", schemas: [], tables: [before], enums: [], views: [] };
  for (const op of operations) {
    const resolved = resolveAgainst(model.tables[0]!, op);
    trackSources(sources, resolved);
    model = applyOperation(model, resolved);
  }
  const after = model.tables[0]!;
  checkColumnsExist(after);
  return { before, after, statements: rebuildStatements(before, after, sources, live) };
}

/** Ops recorded from names only (dropConstraint, alterColumn) get the live objects they name. */
function resolveAgainst(table: TableModel, op: TableOperation): TableOperation {
  if (op.kind === "alterColumn") {
    const existing = table.columns.find((c) => c.name === op.column);
    if (!existing) throw new ModelMismatchError(`column ${table.name}.${op.column} does not exist`);
    const type = op.changes.type && { ...op.changes.type, from: existing.type };
    return { ...op, existing, changes: { ...op.changes, ...(type ? { type } : {}) } };
  }
  if (op.kind !== "dropConstraint") return op;
  const c = op.constraint;
  const wanted =
    c.type === "unique"
      ? c.unique.name
      : c.type === "foreignKey"
        ? c.foreignKey.name
        : c.type === "check"
          ? c.check.name
          : null;
  const missing = () =>
    new ModelMismatchError(`table ${table.name} has no ${c.type} constraint named ${wanted ?? "(unnamed)"}`);
  switch (c.type) {
    case "primaryKey":
      if (!table.primaryKey) throw missing();
      return { ...op, constraint: { type: "primaryKey", primaryKey: table.primaryKey } };
    case "unique": {
      const found = table.uniques.find((u) => u.name === wanted);
      if (!found) throw missing();
      return { ...op, constraint: { type: "unique", unique: found } };
    }
    case "foreignKey": {
      // An unnamed foreign key (batch.dropConstraint(null, "foreignKey", { columns })) is found by its columns.
      const columns = c.foreignKey.columns.join("\u0000");
      const found = table.foreignKeys.find((f) => (wanted === null ? f.name === null && f.columns.join("\u0000") === columns : f.name === wanted));
      if (!found) throw missing();
      return { ...op, constraint: { type: "foreignKey", foreignKey: found } };
    }
    case "check": {
      const found = table.checks.find((k) => k.name === wanted);
      if (!found) throw missing();
      return { ...op, constraint: { type: "check", check: found } };
    }
  }
}

function trackSources(sources: Map<string, ColumnSource>, op: TableOperation): void {
  if (op.kind === "dropColumn") sources.delete(op.column.name);
  if (op.kind !== "alterColumn") return;
  const source = sources.get(op.column);
  if (!source) return; // a column added in this batch: nothing to copy
  const next = { from: source.from, cast: op.changes.type ? op.changes.type.to : source.cast };
  sources.delete(op.column);
  sources.set(op.changes.name?.to ?? op.column, next);
}

function rebuildStatements(
  before: TableModel,
  after: TableModel,
  sources: ReadonlyMap<string, ColumnSource>,
  live: LiveSqliteObjects,
): string[] {
  const { triggers, views } = live;
  const tmp = rebuildTableName(after.name);
  const copied = after.columns.filter((c) => c.generated === null && sources.has(c.name));
  const selectList = copied.map((c) => {
    const s = sources.get(c.name)!;
    return s.cast ? `CAST(${q.ident(s.from)} AS ${formatSqliteType(s.cast)})` : q.ident(s.from);
  });
  const copy =
    copied.length === 0
      ? []
      : [
          `INSERT INTO ${q.qualified(after.schema, tmp)} (${copied.map((c) => q.ident(c.name)).join(", ")}) ` +
            `SELECT ${selectList.join(", ")} FROM ${q.qualified(before.schema, before.name)}`,
        ];
  return [
    // RENAME checks every view, and one that uses the dropped table would fail it: views go
    // first and come back last (https://www.sqlite.org/lang_altertable.html#otheralter, step 11).
    ...[...views].reverse().map((v) => `DROP VIEW ${q.ident(v.name)}`),
    createSqliteTableStatement({ ...after, name: tmp }) + sqliteTableOptions(live.tableSql),
    ...copy,
    ...keepAutoincrementCounter(before, tmp),
    `DROP TABLE ${q.qualified(before.schema, before.name)}`,
    `ALTER TABLE ${q.qualified(after.schema, tmp)} RENAME TO ${q.ident(after.name)}`,
    ...after.indexes.map((i) => createSqliteIndex(after.schema, after.name, i)),
    ...triggers,
    ...views.map((v) => v.sql),
  ];
}

/**
 * AUTOINCREMENT never reuses an id, even of deleted rows: the new table takes over the
 * old one's counter from sqlite_sequence rather than restarting at the highest copied id.
 */
function keepAutoincrementCounter(before: TableModel, tmp: string): string[] {
  if (!before.columns.some((c) => c.autoIncrement === "sqlite-autoincrement")) return [];
  return [
    `DELETE FROM sqlite_sequence WHERE name = ${q.literal(tmp)}`,
    `INSERT INTO sqlite_sequence (name, seq) SELECT ${q.literal(tmp)}, seq FROM sqlite_sequence WHERE name = ${q.literal(before.name)}`,
  ];
}

/** A batch drops or renames away a column that a key or index of the table still uses. */
export class BatchColumnInUseError extends RetortError {
  constructor(readonly table: string, readonly column: string, readonly usedBy: string) {
    super(
      "batch_column_in_use",
      `batchAlterTable("${table}") leaves ${usedBy} using column "${column}", which the batch removes. Drop or change ${usedBy} in the same batch first (batch.dropIndex / batch.dropConstraint).`,
    );
  }
}

function checkColumnsExist(t: TableModel): void {
  const names = new Set(t.columns.map((c) => c.name));
  const uses: [string, readonly (string | null)[]][] = [
    ...(t.primaryKey ? [["the primary key", t.primaryKey.columns] as [string, readonly string[]]] : []),
    ...t.indexes.map((i): [string, readonly (string | null)[]] => [`index ${i.name}`, i.parts.map((p) => p.column)]),
    ...t.uniques.map((u): [string, readonly string[]] => [`unique constraint ${u.name ?? "(unnamed)"}`, u.columns]),
    ...t.foreignKeys.map((f): [string, readonly string[]] => [`foreign key ${f.name ?? "(unnamed)"}`, f.columns]),
  ];
  for (const [usedBy, columns] of uses) {
    const missing = columns.find((c) => c !== null && !names.has(c));
    if (missing) throw new BatchColumnInUseError(t.name, missing, usedBy);
  }
}
