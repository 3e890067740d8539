import type { DialectName, Queryable } from "@retort/core";
import { isPermissionDenied, VersionTablePermissionError } from "./permission-errors";
import { isMysqlFamily, quoteIdent, quoteLiteral } from "./sql-text";

export const DEFAULT_VERSION_TABLE = "retort_version";

/** Every table retort keeps its bookkeeping in, for a version table name: never compared. */
export function versionTableNames(name: string = DEFAULT_VERSION_TABLE): readonly [heads: string, applied: string] {
  return [name, `${name}_applied`];
}

/**
 * Two small tables:
 * - `<name>` (default `retort_version`): one row per head of the applied set, `version_num`,
 *   the way Alembic's `alembic_version` works, so `current` is one read.
 * - `<name>_applied`: one row per applied revision with the sha256 of its file when it
 *   was applied (or stamped), to warn when an applied migration is edited afterwards.
 *   Heads alone cannot carry this: the ancestors of a head are applied too.
 */
export class VersionTable {
  readonly appliedName: string;

  constructor(
    readonly dialect: DialectName,
    readonly name: string = DEFAULT_VERSION_TABLE,
  ) {
    this.appliedName = versionTableNames(name)[1];
  }

  private get heads(): string {
    return quoteIdent(this.dialect, this.name);
  }

  private get applied(): string {
    return quoteIdent(this.dialect, this.appliedName);
  }

  private lit(v: string): string {
    return quoteLiteral(this.dialect, v);
  }

  createStatements(): string[] {
    return [
      `CREATE TABLE IF NOT EXISTS ${this.heads} (version_num VARCHAR(64) NOT NULL PRIMARY KEY)`,
      `CREATE TABLE IF NOT EXISTS ${this.applied} (revision VARCHAR(64) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(32) NOT NULL)`,
    ];
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
  async exists(db: Queryable, which: "heads" | "applied" = "heads"): Promise<boolean> {
    const rows = await db.query<{ n: unknown }>(this.existsQuery(), [which === "heads" ? this.name : this.appliedName]);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  private existsQuery(): string {
    if (this.dialect === "postgres") {
      // pg_class, not information_schema.tables: the latter hides tables the role has no
      // right on, which made `current` answer "<base>" for a database at a revision.
      return "SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')";
    }
    if (isMysqlFamily(this.dialect)) {
      return "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?";
    }
    return "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?";
  }

  /** Creates whichever of the two tables is missing (an existing one needs no CREATE right). */
  async create(db: Queryable): Promise<void> {
    const [heads, applied] = this.createStatements();
    if (!(await this.exists(db, "heads"))) await this.run(db, heads!);
    if (!(await this.exists(db, "applied"))) await this.run(db, applied!);
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
      const table = sql.includes(this.applied) ? this.appliedName : this.name;
      const object = right === "CREATE" ? `the current schema (to create table ${table})` : `table ${table}`;
      const names = versionTableNames(this.name);
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
