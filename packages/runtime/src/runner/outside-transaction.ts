import type { Queryable } from "@retort/core";
import type { PlanStep } from "../graph/plan";
import { engineFor } from "@retort/dialects";

/**
 * Statements PostgreSQL refuses inside a transaction (CREATE/DROP INDEX CONCURRENTLY),
 * run by the runner for the op API: commit, run, begin again. The revision holds nothing
 * else (the op API refuses a mix, see ops/README.md), so the commit carries only earlier
 * revisions of a one-transaction run, which are durable from then on. This log keeps what
 * was committed, so failure messages say it exactly.
 */
export class OutsideTransactionLog {
  /** Heads made durable by such a commit in a one-transaction run (undefined: none). */
  heads: readonly string[] | undefined;
  /** The current revision's statements committed outside its transaction. */
  statements: string[] = [];
  /** Statements that failed outside a transaction: a CREATE INDEX CONCURRENTLY may leave an INVALID index. */
  private failed: readonly string[] = [];

  async run(db: Queryable, step: PlanStep, body: () => Promise<void>, statements: readonly string[]): Promise<void> {
    await db.query("COMMIT");
    this.heads = step.headsBefore;
    try {
      await body();
      this.statements.push(...statements);
    } catch (e) {
      this.failed = statements;
      throw e;
    } finally {
      await db.query(engineFor(db.dialect).session.beginTransaction);
    }
  }

  /** Indexes a failed CONCURRENTLY statement left behind, marked INVALID by PostgreSQL. */
  async invalidIndexes(db: Queryable): Promise<string[]> {
    const names = this.failed
      .map((s) => /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?"((?:[^"]|"")+)"/i.exec(s)?.[1]?.replace(/""/g, '"'))
      .filter((n): n is string => n !== undefined);
    if (names.length === 0) return [];
    try {
      const rows = await db.query<{ name: string }>(
        "SELECT c.relname AS name FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid AND c.relname = ANY($1::text[])",
        [names],
      );
      return rows.map((r) => String(r.name));
    } catch {
      return [];
    }
  }
}
