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
  /**
   * Optional, for introspection: the rows of catalog statements, their values parsed by
   * fixed rules and never by parsers a project set on the driver (PostgreSQL: booleans,
   * 2- and 4-byte integers and oids as numbers, json parsed, all else text). Several
   * statements go to the server as one message and run back to back, without a round
   * trip between them; parameters only with a single statement. `onSent` is told when
   * they are handed to the server (queries before them answered).
   */
  catalogRows?<Row = Record<string, unknown>>(statements: readonly string[], params?: readonly unknown[], onSent?: () => void): Promise<Row[][]>;
  close(): Promise<void>;
}

/** A Queryable that counts its round trips, for benchmarks and query-count tests. */
export class CountingQueryable implements Queryable {
  count = 0;
  /** Counted per statement: one message of several is as many queries for the server. */
  readonly catalogRows?: NonNullable<Queryable["catalogRows"]>;
  constructor(private readonly inner: Queryable) {
    const catalogRows = inner.catalogRows?.bind(inner);
    if (catalogRows) {
      this.catalogRows = <Row>(statements: readonly string[], params?: readonly unknown[], onSent?: () => void): Promise<Row[][]> => {
        this.count += statements.length;
        return catalogRows<Row>(statements, params, onSent);
      };
    }
  }
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
