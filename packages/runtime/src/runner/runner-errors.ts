import { RetortError } from "@retort/core";
import type { Direction } from "../graph/plan";

/** A migration threw: says which revision, and exactly what state the database is left in. */
export class MigrationFailedError extends RetortError {
  constructor(
    readonly revision: string,
    readonly direction: Direction,
    readonly file: string,
    readonly databaseHeads: readonly string[],
    readonly rolledBack: boolean,
    readonly reason: string,
    options?: MigrationFailureDetails & { cause?: unknown },
  ) {
    super("migration_failed", MigrationFailedError.describe(revision, direction, file, databaseHeads, rolledBack, reason, options ?? {}), options);
    this.committed = options?.committed ?? [];
  }

  /** Statements of the revision committed outside its transaction (PostgreSQL CONCURRENTLY) before it failed. */
  readonly committed: readonly string[];

  private static describe(
    revision: string,
    direction: Direction,
    file: string,
    heads: readonly string[],
    rolledBack: boolean,
    reason: string,
    details: MigrationFailureDetails,
  ): string {
    const headsAfter = details.headsAfter ?? [revision];
    const at = heads.length > 0 ? heads.join(", ") : "base";
    const stamp = (h: readonly string[]) => `\`retort stamp ${h.length > 0 ? h.join(" ") : "base"}\``;
    const invalid = (details.invalidIndexes ?? []).map(
      (ix) => ` PostgreSQL left the index "${ix}" behind, marked INVALID: drop it with \`DROP INDEX CONCURRENTLY "${ix}"\` before running again.`,
    );
    const committed = details.committed ?? [];
    const state = committed.length > 0
      ? `Committed before the failure, outside any transaction (PostgreSQL cannot run CONCURRENTLY in one): ${committed.map((c) => `${c};`).join(" ")} Everything else of ${revision} was rolled back, and the version table says ${at}. Undo ${committed.length === 1 ? "that statement" : "those statements"} before running again, or finish ${revision} by hand and run ${stamp(headsAfter)}.`
      : rolledBack
      ? `Its transaction was rolled back: the database is at ${at}, with nothing of ${revision} applied.${invalid.join("")}`
      : `The version table still says ${at} (the last completed revision). MySQL/MariaDB commit each DDL statement at once, so the statements of ${revision} that ran before the error were NOT rolled back, and ${revision} is marked as interrupted: upgrade refuses until it is resolved. Check the schema, then undo those statements by hand and run ${stamp(heads)}, or finish the revision by hand and run ${stamp(headsAfter)}.`;
    return `${direction === "upgrade" ? "Upgrade" : "Downgrade"} of revision ${revision} (${file}) failed: ${reason}\n${state}`;
  }
}

export interface MigrationFailureDetails {
  /** The heads the revision leads to (for "finish it by hand, then stamp"). */
  readonly headsAfter?: readonly string[];
  /** Statements committed outside the transaction before the failure. */
  readonly committed?: readonly string[];
  /** Indexes a failed CREATE INDEX CONCURRENTLY left behind as INVALID. */
  readonly invalidIndexes?: readonly string[];
}

/** A migration asked the database for data while producing offline SQL. */
export class OfflineQueryError extends RetortError {
  constructor() {
    super(
      "offline_query",
      "A migration queried the database while running with --sql. Offline mode opens no connection: data migrations that read rows (getBind) can only run online.",
    );
  }
}

export class OfflineRangeError extends RetortError {
  constructor(command: string, range: string) {
    super("invalid_range", `${command} --sql needs a from:to range of revisions (got "${range}"), e.g. \`retort ${command} --sql ae10:base\`.`);
  }
}

/** SQLite found broken foreign keys after a revision ran with foreign keys switched off. */
export class ForeignKeyCheckError extends RetortError {
  constructor(
    readonly revision: string,
    readonly violations: readonly { table: string; parent: string }[],
  ) {
    super(
      "foreign_key_check_failed",
      `Revision ${revision} left rows whose foreign keys point nowhere (PRAGMA foreign_key_check): ${violations
        .slice(0, 5)
        .map((v) => `${v.table} -> ${v.parent}`)
        .join(", ")}. Fix the data in the migration.`,
    );
  }
}
