import type { Operation, Queryable } from "@retort/core";

/**
 * Operations PostgreSQL refuses inside a transaction block: `CREATE/DROP INDEX
 * CONCURRENTLY` (https://www.postgresql.org/docs/15/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 * The runner may ask this before running an op; the op API handles it either way.
 */
export function needsNoTransaction(op: Operation, dialect: Queryable["dialect"]): boolean {
  return dialect === "postgres" && (op.kind === "createIndex" || op.kind === "dropIndex") && op.concurrently;
}

/**
 * Whether the connection is inside a transaction block: a SAVEPOINT is an error outside
 * one (and harmless inside, released at once).
 */
async function inTransactionBlock(db: Queryable): Promise<boolean> {
  try {
    await db.query("SAVEPOINT retort_probe");
  } catch {
    return false;
  }
  await db.query("RELEASE SAVEPOINT retort_probe");
  return true;
}

/**
 * Runs statements outside the migration's transaction, as Alembic's `autocommit_block`
 * does: commit what the revision did so far, run them, begin again so the runner can
 * go on (and write the version row). A failure inside leaves the earlier part committed,
 * which is the price of CONCURRENTLY.
 */
export async function runOutsideTransaction(db: Queryable, statements: readonly string[]): Promise<void> {
  const wasInTransaction = await inTransactionBlock(db);
  if (wasInTransaction) await db.query("COMMIT");
  try {
    for (const sql of statements) await db.query(sql);
  } finally {
    if (wasInTransaction) await db.query("BEGIN");
  }
}

/** The same for `--sql`: the runner's script has its own BEGIN/COMMIT around each revision. */
export function emitOutsideTransaction(emit: (sql: string) => void, statements: readonly string[]): void {
  emit("COMMIT");
  statements.forEach(emit);
  emit("BEGIN");
}
