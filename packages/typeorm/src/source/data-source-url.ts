import { NoConnectionUrlError } from "@retort/core";
import { rememberSecret, rememberUrlSecrets } from "@retort/dialects";

/** The parts of a TypeORM DataSource's options that say where the database is. */
export interface DataSourceConnectionOptions {
  readonly type?: string;
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
  readonly database?: string | Uint8Array;
  /** PostgreSQL: the schema TypeORM puts the tables in. */
  readonly schema?: string;
  /** MySQL/MariaDB: a unix socket file. */
  readonly socketPath?: string;
  /** true, or the driver's TLS options: passed to the driver as TypeORM passes them. */
  readonly ssl?: unknown;
}

const SCHEMES: Record<string, string> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

/**
 * Builds a URL from a DataSource's options, saying everything TypeORM passes to the driver
 * that a URL can say: a unix-socket `host` (libpq's `?host=`), MySQL's `socketPath`, the
 * PostgreSQL `schema` (as `search_path`, so that the tables and the version table are
 * found there). `ssl` cannot be said in a URL: see `dataSourceConnectOptions`.
 */
export function urlFromDataSourceOptions(o: DataSourceConnectionOptions): string {
  const scheme = o.type ? SCHEMES[o.type] : undefined;
  if (!scheme) {
    const which = o.type ? `The DataSource's type "${o.type}" is not supported` : "The DataSource names no type";
    throw new NoConnectionUrlError(`${which} (use postgres, mysql, mariadb, better-sqlite3 or sqlite).`);
  }
  if (scheme === "sqlite") {
    const file = typeof o.database === "string" ? o.database : ":memory:";
    const driver = o.type === "sqlite" ? "sqlite3" : "better-sqlite3";
    return `sqlite:${file}?driver=${driver}`;
  }
  rememberSecret(o.password);
  rememberUrlSecrets(o.url);
  const params = new URLSearchParams();
  let base: string;
  if (o.url) {
    base = o.url;
  } else {
    const auth = o.username ? `${encodeURIComponent(o.username)}${o.password ? `:${encodeURIComponent(o.password)}` : ""}@` : "";
    const socketDir = o.host?.startsWith("/");
    if (socketDir) params.set("host", o.host!);
    const port = o.port ? `:${o.port}` : "";
    const database = typeof o.database === "string" ? encodeURIComponent(o.database) : "";
    base = `${scheme}://${auth}${socketDir ? "localhost" : (o.host ?? "localhost")}${port}/${database}`;
  }
  if (o.socketPath && scheme !== "postgres") params.set("socketPath", o.socketPath);
  if (o.schema && scheme === "postgres" && !/[?&]options=/.test(base)) params.set("options", `-c search_path=${o.schema}`);
  const query = params.toString();
  return query ? `${base}${base.includes("?") ? "&" : "?"}${query}` : base;
}

/** What a DataSource passes to the driver beyond its URL (only used when the URL comes from it). */
export function dataSourceConnectOptions(o: DataSourceConnectionOptions | undefined): { ssl?: unknown } {
  return o?.ssl !== undefined && o.ssl !== false ? { ssl: o.ssl } : {};
}
