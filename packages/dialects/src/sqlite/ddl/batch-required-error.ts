import { RetortError } from "@retort/core";

/**
 * SQLite's ALTER TABLE only renames, adds plain columns and drops unconstrained ones
 * (https://www.sqlite.org/lang_altertable.html): everything else needs the table rebuilt.
 */
export class SqliteBatchRequiredError extends RetortError {
  constructor(
    readonly table: string,
    readonly what: string,
  ) {
    super(
      "sqlite_needs_batch",
      `SQLite cannot ${what} on table "${table}" with ALTER TABLE. Put the change inside op.batchAlterTable("${table}", (batch) => { ... }), which rebuilds the table (copying its rows, indexes and foreign keys).`,
    );
  }
}
