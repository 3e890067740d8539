import { RetortError, type Operation, type Queryable } from "@retort/core";
import { engineFor } from "@retort/dialects";

/**
 * Operations PostgreSQL refuses inside a transaction block: `CREATE/DROP INDEX
 * CONCURRENTLY` (https://www.postgresql.org/docs/15/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 * The runner may ask this before running an op; the op API handles it either way.
 */
export function needsNoTransaction(op: Operation, dialect: Queryable["dialect"]): boolean {
  return engineFor(dialect).capabilities.concurrentIndexes && (op.kind === "createIndex" || op.kind === "dropIndex") && op.concurrently;
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

/**
 * A revision mixing `CREATE/DROP INDEX CONCURRENTLY` with other operations. Such a
 * statement commits on its own, so the revision could not be all-or-nothing: anything
 * before it would be committed with it, anything after it could fail and leave it behind.
 */
export class NoTransactionMixError extends RetortError {
  constructor(
    readonly operation: string,
    readonly other: string,
    readonly committedAlready: boolean,
  ) {
    super(
      "concurrently_not_alone",
      `${operation} must be the only kind of operation in its revision: PostgreSQL runs it outside any transaction, so it cannot roll back with the rest${committedAlready ? "" : ", and nothing of this revision was committed"}. ` +
        `This revision also runs ${other}. Move the CONCURRENTLY operation(s) into a revision of their own (\`retort revision -m "add index concurrently"\`).`,
    );
  }
}

/** `op.createIndex("ix", …, { concurrently: true })` and friends, for messages. */
export function describeOperation(op: Operation): string {
  if (op.kind === "execute") return `op.execute(${JSON.stringify(op.sql.length > 60 ? `${op.sql.slice(0, 60)}…` : op.sql)})`;
  if (op.kind === "createIndex" || op.kind === "dropIndex") return `op.${op.kind}("${op.index.name}"${op.concurrently ? ", …, { concurrently: true }" : ""})`;
  return `op.${op.kind}(…)`;
}
