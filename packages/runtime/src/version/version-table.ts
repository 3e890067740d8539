import type { DialectName, Queryable } from "@retort/core";
import { isPermissionDenied, VersionTablePermissionError } from "./permission-errors";
import { engineFor, type Engine } from "@retort/dialects";

export const DEFAULT_VERSION_TABLE = "retort_version";

/** Every table retort keeps its bookkeeping in, for a version table name: never compared. */
export function versionTableNames(name: string = DEFAULT_VERSION_TABLE): readonly [heads: string, applied: string, running: string] {
  return [name, `${name}_applied`, `${name}_running`];
}

/** A revision that started on an engine without transactional DDL and did not finish (see VersionTable). */
export interface InterruptedRevision {
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  /** The version table's heads before it (what the version table still says) and after it. */
  readonly headsBefore: readonly string[];
  readonly headsAfter: readonly string[];
  readonly startedAt: string;
  /** The error it failed with, when the process lived to record it; null after a kill. */
  readonly failure: string | null;
}

/**
 * Two small tables:
 * - `<name>` (default `retort_version`): one row per head of the applied set, `version_num`,
 *   the way Alembic's `alembic_version` works, so `current` is one read.
 * - `<name>_applied`: one row per applied revision with the sha256 of its file when it
 *   was applied (or stamped), to warn when an applied migration is edited afterwards.
 *   Heads alone cannot carry this: the ancestors of a head are applied too.
 * - `<name>_running` (MySQL/MariaDB only): a row per revision in progress. MySQL commits
 *   each DDL statement at once, so a revision killed (or failed) half-way leaves part of
 *   its DDL behind. The row is written inside the revision's transaction: the first DDL
 *   statement's implicit commit makes it durable, and the revision's final COMMIT deletes
 *   it with the version update. A row left behind says "partly applied", as Flyway's
 *   failed-migration rows do, until `stamp` resolves it.
 */
export class VersionTable {
  readonly appliedName: string;
  readonly runningName: string;

  constructor(
    readonly dialect: DialectName,
    readonly name: string = DEFAULT_VERSION_TABLE,
  ) {
    [, this.appliedName, this.runningName] = versionTableNames(name);
  }

  private get heads(): string {
    return this.engine.quoting.ident(this.name);
  }

  private get applied(): string {
    return this.engine.quoting.ident(this.appliedName);
  }

  private get running(): string {
    return this.engine.quoting.ident(this.runningName);
  }

  private get engine(): Engine {
    return engineFor(this.dialect);
  }

  /** Whether revisions are marked while they run: where DDL cannot roll back. */
  get marksRunning(): boolean {
    return !this.engine.capabilities.transactionalDdl;
  }

  private lit(v: string): string {
    return this.engine.quoting.literal(v);
  }

  createStatements(): string[] {
    return [
      `CREATE TABLE IF NOT EXISTS ${this.heads} (version_num VARCHAR(64) NOT NULL PRIMARY KEY)`,
      `CREATE TABLE IF NOT EXISTS ${this.applied} (revision VARCHAR(64) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(32) NOT NULL)`,
    ];
  }

  runningCreateStatement(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.running} (revision VARCHAR(64) NOT NULL PRIMARY KEY, direction VARCHAR(10) NOT NULL, heads_before VARCHAR(2000) NOT NULL, heads_after VARCHAR(2000) NOT NULL, started_at VARCHAR(32) NOT NULL, failure TEXT NULL)`;
  }

  /**
   * The row marking `revision` as in progress (first statement of its transaction).
   * `at: "server clock"` lets the server stamp it, for `--sql` scripts run later.
   */
  markRunning(revision: string, direction: "upgrade" | "downgrade", before: readonly string[], after: readonly string[], at: Date | "server clock" = new Date()): string[] {
    const startedAt = at === "server clock" ? "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')" : this.lit(at.toISOString());
    return [
      `DELETE FROM ${this.running} WHERE revision = ${this.lit(revision)}`,
      `INSERT INTO ${this.running} (revision, direction, heads_before, heads_after, started_at) VALUES (${this.lit(revision)}, ${this.lit(direction)}, ${this.lit(before.join(","))}, ${this.lit(after.join(","))}, ${startedAt})`,
    ];
  }

  clearRunning(revision?: string): string[] {
    return [`DELETE FROM ${this.running}${revision === undefined ? "" : ` WHERE revision = ${this.lit(revision)}`}`];
  }

  recordFailure(revision: string, reason: string): string[] {
    return [`UPDATE ${this.running} SET failure = ${this.lit(reason.slice(0, 4000))} WHERE revision = ${this.lit(revision)}`];
  }

  /** Revisions marked as in progress and never finished (none where nothing is marked). */
  async readInterrupted(db: Queryable): Promise<InterruptedRevision[]> {
    if (!this.marksRunning || !(await this.exists(db, "running"))) return [];
    type Row = { revision: string; direction: string; heads_before: string; heads_after: string; started_at: string; failure: string | null };
    const rows = await this.run<Row>(db, `SELECT revision, direction, heads_before, heads_after, started_at, failure FROM ${this.running}`);
    const list = (v: string) => (v === "" ? [] : v.split(","));
    return rows.map((r) => ({
      revision: String(r.revision),
      direction: r.direction === "downgrade" ? "downgrade" : "upgrade",
      headsBefore: list(String(r.heads_before)),
      headsAfter: list(String(r.heads_after)),
      startedAt: String(r.started_at),
      failure: r.failure === null || r.failure === undefined ? null : String(r.failure),
    }));
  }

  /** Statements turning the heads `before` into `after` (one UPDATE when one head moves). */
  headStatements(before: readonly string[], after: readonly string[]): string[] {
    const removed = before.filter((h) => !after.includes(h));
    const added = after.filter((h) => !before.includes(h));
    if (removed.length === 1 && added.length === 1) {
      return [`UPDATE ${this.heads} SET version_num = ${this.lit(added[0]!)} WHERE version_num = ${this.lit(removed[0]!)}`];
    }
    return [
      ...removed.map((r) => `DELETE FROM ${this.heads} WHERE version_num = ${this.lit(r)}`),
      ...added.map((a) => `INSERT INTO ${this.heads} (version_num) VALUES (${this.lit(a)})`),
    ];
  }

  recordApplied(revision: string, checksum: string, at: Date = new Date()): string[] {
    return [
      `DELETE FROM ${this.applied} WHERE revision = ${this.lit(revision)}`,
      `INSERT INTO ${this.applied} (revision, checksum, applied_at) VALUES (${this.lit(revision)}, ${this.lit(checksum)}, ${this.lit(at.toISOString())})`,
    ];
  }

  recordUnapplied(revision: string): string[] {
    return [`DELETE FROM ${this.applied} WHERE revision = ${this.lit(revision)}`];
  }

  purgeStatements(): string[] {
    return [`DELETE FROM ${this.heads}`, `DELETE FROM ${this.applied}`];
  }

  /** Whether the heads table (or, with `which: "applied"`, its checksum companion) exists. */
  async exists(db: Queryable, which: "heads" | "applied" | "running" = "heads"): Promise<boolean> {
    const name = which === "heads" ? this.name : which === "applied" ? this.appliedName : this.runningName;
    const rows = await db.query<{ n: unknown }>(this.engine.catalog.tableExistsQuery, [name]);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Creates whichever of the two tables is missing (an existing one needs no CREATE right). */
  async create(db: Queryable): Promise<void> {
    const [heads, applied] = this.createStatements();
    if (!(await this.exists(db, "heads"))) await this.run(db, heads!);
    if (!(await this.exists(db, "applied"))) await this.run(db, applied!);
    if (this.marksRunning && !(await this.exists(db, "running"))) await this.run(db, this.runningCreateStatement());
  }

  /** The heads recorded in the database; none when the table does not exist yet. */
  async readHeads(db: Queryable): Promise<string[]> {
    if (!(await this.exists(db))) return [];
    const rows = await this.run<{ version_num: string }>(db, `SELECT version_num FROM ${this.heads}`);
    return rows.map((r) => String(r.version_num)).sort();
  }

  /** Runs statements on the bookkeeping tables (from headStatements, recordApplied …). */
  async write(db: Queryable, statements: readonly string[]): Promise<void> {
    for (const sql of statements) await this.run(db, sql);
  }

  /** One statement on a bookkeeping table; a refused right becomes an error naming it. */
  private async run<Row = Record<string, unknown>>(db: Queryable, sql: string): Promise<Row[]> {
    try {
      return await db.query<Row>(sql);
    } catch (e) {
      if (!isPermissionDenied(e)) throw e;
      const right = /^\s*(\w+)/.exec(sql)![1]!.toUpperCase();
      const table = sql.includes(this.applied) ? this.appliedName : sql.includes(this.running) ? this.runningName : this.name;
      const object = right === "CREATE" ? `the current schema (to create table ${table})` : `table ${table}`;
      const names = versionTableNames(this.name).slice(0, this.marksRunning ? 3 : 2);
      throw new VersionTablePermissionError(right, object, names, this.dialect, e instanceof Error ? e.message : String(e), { cause: e });
    }
  }

  /** Checksums recorded per applied revision. */
  async readChecksums(db: Queryable): Promise<Map<string, string>> {
    // Its own existence: the heads table may be there without it (dropped by hand, or older tooling).
    if (!(await this.exists(db, "applied"))) return new Map();
    const rows = await this.run<{ revision: string; checksum: string }>(db, `SELECT revision, checksum FROM ${this.applied}`);
    return new Map(rows.map((r) => [String(r.revision), String(r.checksum)]));
  }
}

/** Quotes a bookkeeping table's name as the version table's own statements do. */
export function quoteVersionIdent(dialect: DialectName, name: string): string {
  return engineFor(dialect).quoting.ident(name);
}
