import type { Queryable } from "@retort/core";
export { DEFAULT_CONNECT_TIMEOUT_SECONDS } from "./connect-timeout";
import { parseConnectionUrl } from "./connection-url";
import { connectMysql } from "./mysql-connection";
import { connectPostgres } from "./postgres-connection";
import { connectSqlite } from "./sqlite-connection";

export interface ConnectOptions {
  /** Where the user's project lives: its own driver packages are preferred. */
  readonly projectDir?: string;
  /**
   * Driver settings a URL cannot carry, taken from the user's DataSource as TypeORM passes
   * them on: `ssl` (true or the driver's TLS options object).
   */
  readonly ssl?: unknown;
  /** Give up connecting after this long unless the URL says `?connect_timeout=` (default 10 s). */
  readonly connectTimeoutMs?: number;
}

/** Opens one connection for a URL; errors are ConnectionError / UnsupportedUrlError / MalformedUrlError / MissingDriverError. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Queryable> {
  const target = parseConnectionUrl(url);
  switch (target.family) {
    case "postgres":
      return connectPostgres(target, options);
    case "mysql":
      return connectMysql(target, options);
    case "sqlite":
      return connectSqlite(target, options.projectDir);
  }
}
