import type { Queryable } from "@retort/core";
import { parseConnectionUrl } from "./connection-url";
import { connectMysql } from "./mysql-connection";
import { connectPostgres } from "./postgres-connection";
import { connectSqlite } from "./sqlite-connection";

export interface ConnectOptions {
  /** Where the user's project lives: its own driver packages are preferred. */
  readonly projectDir?: string;
  /** Give up connecting to a server after this long (default: the driver's, none for pg). */
  readonly connectTimeoutMs?: number;
}

/** Opens one connection for a URL; errors are ConnectionError / UnsupportedUrlError / MissingDriverError. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Queryable> {
  const target = parseConnectionUrl(url);
  switch (target.family) {
    case "postgres":
      return connectPostgres(target, options.projectDir, options.connectTimeoutMs);
    case "mysql":
      return connectMysql(target, options.projectDir, options.connectTimeoutMs);
    case "sqlite":
      return connectSqlite(target, options.projectDir);
  }
}
