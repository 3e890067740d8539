import type { Queryable } from "@retort/core";

/**
 * Offline (`--sql`) on SQLite: an in-memory database holding the schema as the script
 * leaves it, statement by statement, so that a `batchAlterTable` needing a move-and-copy
 * rebuild can read the table it rebuilds (README.md, "Offline SQL"). Statements are only
 * collected until a batch needs the schema; a script without rebuilds never opens it.
 */
export interface SchemaShadow {
  /** Records a statement the script runs (applied to the copy on the next `read()`). */
  capture(sql: string): void;
  /** The copy, brought up to date with every statement captured so far. */
  read(): Promise<Queryable>;
  /** Tells the script writer a rebuild was written (it then switches foreign keys off first). */
  noteRebuild(table: string): void;
}
