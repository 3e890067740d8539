import { RetortError, type BatchAlterTableOp, type Queryable, type TableModel, type TableOperation } from "@retort/core";
import type { SchemaShadow } from "./schema-shadow";
import { hoistRenames, introspect, planSqliteRebuild, quotingFor, sqliteAltersInPlace, type LiveSqliteObjects } from "@retort/dialects";

/** The rebuilt table breaks foreign keys: nothing is kept. */
export class SqliteForeignKeyViolationError extends RetortError {
  constructor(readonly table: string, readonly violations: readonly { table: string; rowid: number | null; parent: string }[]) {
    const list = violations
      .slice(0, 10)
      .map((v) => `${v.table} row ${v.rowid ?? "?"} → ${v.parent}`)
      .join(", ");
    super(
      "sqlite_foreign_key_violation",
      `batchAlterTable("${table}") left ${violations.length} row(s) violating foreign keys: ${list}${violations.length > 10 ? ", …" : ""}. The change was not applied; fix those rows (or the batch's constraints) first.`,
    );
  }
}

/** A rebuild inside a transaction that started with foreign keys on would cascade deletes. */
export class SqliteForeignKeysOnError extends RetortError {
  constructor(readonly table: string) {
    super(
      "sqlite_foreign_keys_on",
      `batchAlterTable("${table}") must rebuild the table, but foreign keys are on inside a transaction, where PRAGMA foreign_keys cannot change (https://www.sqlite.org/pragma.html#pragma_foreign_keys). Run the migration with retort's runner (it switches them off before BEGIN), or run PRAGMA foreign_keys = OFF before your transaction.`,
    );
  }
}

export class SqliteTableNotFoundError extends RetortError {
  constructor(readonly table: string) {
    super("table_not_found", `batchAlterTable("${table}"): there is no table "${table}" in the SQLite database.`);
  }
}

/** Whether the batch can run as plain ALTERs on this live table (auto mode). */
function altersInPlace(op: BatchAlterTableOp, live: TableModel): boolean {
  if (op.recreate === "never") return true;
  if (op.recreate === "always") return false;
  return op.operations.every((inner) => sqliteAltersInPlace(inner) && !(inner.kind === "dropColumn" && isConstrained(live, inner.column.name)));
}

/** SQLite's DROP COLUMN refuses a column that a key, index or check uses. */
function isConstrained(t: TableModel, name: string): boolean {
  return (
    (t.primaryKey?.columns.includes(name) ?? false) ||
    t.uniques.some((u) => u.columns.includes(name)) ||
    t.foreignKeys.some((f) => f.columns.includes(name)) ||
    t.indexes.some((i) => i.parts.some((p) => p.column === name || (p.expression ?? "").includes(name)) || (i.where ?? "").includes(name)) ||
    t.checks.some((c) => c.expression.includes(name))
  );
}

async function readTable(db: Queryable, name: string): Promise<TableModel> {
  // The stored spellings: a rebuild writes back each type, default and check as it was (docs/typeorm-coexistence.md).
  const model = await introspect(db, { includeName: (n, type) => type !== "table" || n === name, storedSpellings: true });
  const found = model.tables.find((t) => t.name === name);
  if (!found) throw new SqliteTableNotFoundError(name);
  return found;
}

/**
 * SQLite batch mode: plain ALTERs when they can do it, else move-and-copy with foreign
 * keys off (switched off here when not already inside a transaction), checked with
 * `PRAGMA foreign_key_check` before returning.
 */
export async function runSqliteBatch(
  db: Queryable,
  op: BatchAlterTableOp,
  runInPlace: (ops: readonly TableOperation[]) => Promise<void>,
): Promise<void> {
  if (altersInPlace(op, await readTable(db, op.table))) return runInPlace(op.operations);
  const { renames, rest } = hoistRenames(op.operations);
  const restore = await foreignKeysOff(db, op.table);
  // A savepoint nests in the runner's transaction, and is a transaction of its own outside one.
  try {
    await db.query("SAVEPOINT retort_batch");
    try {
      const q = quotingFor("sqlite");
      for (const r of renames) await db.query(`ALTER TABLE ${q.ident(op.table)} RENAME COLUMN ${q.ident(r.from)} TO ${q.ident(r.to)}`);
      const plan = planSqliteRebuild(await readTable(db, op.table), rest, await readLiveObjects(db, op.table));
      for (const sql of plan.statements) await db.query(sql);
      await checkForeignKeys(db, op.table);
      await db.query("RELEASE SAVEPOINT retort_batch");
    } catch (e) {
      await db.query("ROLLBACK TO SAVEPOINT retort_batch").catch(() => undefined);
      await db.query("RELEASE SAVEPOINT retort_batch").catch(() => undefined);
      throw e;
    }
  } finally {
    if (restore) await restore();
  }
}

/**
 * The same batch for an offline script: planned against the schema copy (`shadow`),
 * written with `emit`. The rebuild's data copy runs when the script does.
 */
export async function writeSqliteBatch(
  shadow: SchemaShadow,
  op: BatchAlterTableOp,
  emit: (sql: string) => void,
  runInPlace: (ops: readonly TableOperation[]) => Promise<void>,
): Promise<void> {
  if (altersInPlace(op, await readTable(await shadow.read(), op.table))) return runInPlace(op.operations);
  const { renames, rest } = hoistRenames(op.operations);
  const q = quotingFor("sqlite");
  for (const r of renames) emit(`ALTER TABLE ${q.ident(op.table)} RENAME COLUMN ${q.ident(r.from)} TO ${q.ident(r.to)}`);
  const db = await shadow.read();
  const plan = planSqliteRebuild(await readTable(db, op.table), rest, await readLiveObjects(db, op.table));
  plan.statements.forEach(emit);
  shadow.noteRebuild(op.table);
}

async function readLiveObjects(db: Queryable, table: string): Promise<LiveSqliteObjects> {
  const objects = await db.query<{ type: string; name: string; tbl_name: string; sql: string }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger', 'view') AND sql IS NOT NULL ORDER BY rowid",
  );
  return {
    tableSql: objects.find((o) => o.type === "table" && o.name === table)?.sql ?? "",
    triggers: objects.filter((o) => o.type === "trigger" && o.tbl_name === table).map((o) => o.sql),
    views: objects.filter((o) => o.type === "view").map((o) => ({ name: o.name, sql: o.sql })),
  };
}

/**
 * Switches foreign keys off. Returns how to switch them back on when this call changed
 * them (and so is outside any transaction), `null` when they were already off.
 */
async function foreignKeysOff(db: Queryable, table: string): Promise<(() => Promise<void>) | null> {
  const on = async () => Number((await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys"))[0]?.foreign_keys) === 1;
  if (!(await on())) return null;
  await db.query("PRAGMA foreign_keys = OFF");
  if (await on()) throw new SqliteForeignKeysOnError(table);
  return async () => {
    await db.query("PRAGMA foreign_keys = ON");
  };
}

async function checkForeignKeys(db: Queryable, table: string): Promise<void> {
  const rows = await db.query<{ table: string; rowid: number | null; parent: string }>("PRAGMA foreign_key_check");
  if (rows.length > 0) throw new SqliteForeignKeyViolationError(table, rows);
}
