import { RetortError, type Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import type { SchemaShadow } from "../ops/schema-shadow";

/** The schema copy could not follow the script, so a rebuild cannot be planned offline. */
export class OfflineShadowError extends RetortError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      "offline_batch_unavailable",
      `This script rebuilds a SQLite table (batchAlterTable), which --sql plans against an in-memory copy of the schema built from the migrations, but ${reason}. ` +
        `Run the upgrade online instead (retort upgrade), or make the statement work on an empty database.`,
      options,
    );
  }
}

/**
 * An in-memory SQLite database that replays the script's statements (and, for a range
 * that starts at a revision, the revisions before it) when a batch rebuild needs to read
 * a table. Opened on first use: a script without rebuilds opens nothing.
 */
export class SqliteOfflineShadow implements SchemaShadow {
  private pending: string[] = [];
  private db: Queryable | null = null;
  private broken: string | null = null;
  readonly rebuilt: string[] = [];
  /** While replaying the revisions before the range: rebuilds there are not the script's. */
  replaying = false;

  /** `replayBefore` writes the revisions before the range into the copy (run once, on first read). */
  constructor(
    private readonly projectDir: string | undefined,
    private replayBefore: ((shadow: SqliteOfflineShadow) => Promise<void>) | null,
  ) {}

  capture(sql: string): void {
    this.pending.push(sql);
  }

  /** The replay of earlier revisions failed: say why if a rebuild needs the copy. */
  markBroken(reason: string): void {
    this.broken ??= reason;
  }

  noteRebuild(table: string): void {
    if (!this.replaying) this.rebuilt.push(table);
  }

  async read(): Promise<Queryable> {
    if (this.replayBefore !== null) {
      const replay = this.replayBefore;
      this.replayBefore = null;
      const script = this.pending.splice(0);
      this.replaying = true;
      try {
        await replay(this);
      } catch (e) {
        this.markBroken(`replaying the revisions before the range failed (${e instanceof Error ? e.message : String(e)})`);
      } finally {
        this.replaying = false;
      }
      this.pending.push(...script);
    }
    if (this.broken !== null) throw new OfflineShadowError(this.broken);
    if (this.db === null) {
      this.db = await connect("sqlite::memory:", this.projectDir ? { projectDir: this.projectDir } : {});
      // A rebuild drops the old table: with enforcement on it would cascade or refuse.
      await this.db.query("PRAGMA foreign_keys = OFF");
    }
    for (const sql of this.pending.splice(0)) {
      try {
        await this.db.query(sql);
      } catch (e) {
        this.broken = `this statement failed on that copy: ${sql.length > 200 ? `${sql.slice(0, 200)}…` : sql} (${e instanceof Error ? e.message : String(e)})`;
        throw new OfflineShadowError(this.broken, { cause: e });
      }
    }
    return this.db;
  }

  async close(): Promise<void> {
    await this.db?.close();
  }
}
