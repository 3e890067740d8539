import type { DialectName, Queryable } from "@retort/core";
import type { SchemaShadow } from "./schema-shadow";

/**
 * What `createOperations` needs. The runner passes `{ db, dialect }` online and
 * `{ db: <refusing stub>, dialect, emit }` for `--sql`; the rest is optional.
 */
export interface OperationsContext {
  /** The migration's own connection (inside its transaction). Offline: a stub that refuses queries. */
  readonly db: Queryable;
  readonly dialect: DialectName;
  /** Offline `--sql` mode: statements go here instead of to the database. */
  readonly emit?: (sql: string) => void;
  /** Offline on SQLite: the schema copy a `batchAlterTable` rebuild is planned against. */
  readonly shadow?: SchemaShadow;
  /** `SELECT VERSION()` text when the caller already has it (read lazily otherwise, online only). */
  readonly serverVersion?: string | null;
  /**
   * Runs statements that must not be inside a transaction (PostgreSQL `CREATE INDEX
   * CONCURRENTLY`). When absent, the op API commits the open transaction, runs them and
   * begins a new one itself (as Alembic's `autocommit_block` does).
   */
  readonly outsideTransaction?: (run: () => Promise<void>, statements: readonly string[]) => Promise<void>;
  /**
   * Refuse to mix operations that must run outside a transaction with any other operation
   * (the runner sets it: such a revision cannot be atomic, so it must hold nothing else).
   */
  readonly noTransactionStandsAlone?: boolean;
}
