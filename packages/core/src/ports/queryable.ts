import type { DialectName } from "../model/schema-model";

/**
 * The one port through which retort talks to a database driver. Drivers (pg, mysql2,
 * better-sqlite3, sqlite3) stay behind it, so nothing else imports them.
 */
export interface Queryable {
  readonly dialect: DialectName;
  /**
   * Rows as plain objects keyed by column name. Parameters use the engine's own
   * placeholders: `$1` on PostgreSQL, `?` on MySQL/MariaDB and SQLite.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** A Queryable that counts its round trips, for benchmarks and query-count tests. */
export class CountingQueryable implements Queryable {
  count = 0;
  constructor(private readonly inner: Queryable) {}
  get dialect(): DialectName {
    return this.inner.dialect;
  }
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    this.count++;
    return this.inner.query<Row>(sql, params);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
