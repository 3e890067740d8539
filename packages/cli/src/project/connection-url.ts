import { RetortError } from "@retort/core";
import { resolve } from "node:path";

/** The parts of a TypeORM DataSource's options that say where the database is. */
export interface DataSourceConnectionOptions {
  readonly type?: string;
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
  readonly database?: string | Uint8Array;
}

export class NoConnectionUrlError extends RetortError {
  constructor(detail: string) {
    super(
      "no_connection",
      `${detail} Give a URL with --url, the DATABASE_URL environment variable, or "url" in retort.config.ts.`,
    );
  }
}

const SCHEMES: Record<string, string> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

/** Builds a URL from a DataSource's options, as TypeORM would connect. */
export function urlFromDataSourceOptions(o: DataSourceConnectionOptions): string {
  const scheme = o.type ? SCHEMES[o.type] : undefined;
  if (!scheme) {
    throw new NoConnectionUrlError(`The DataSource's type "${o.type ?? "(none)"}" is not supported (use postgres, mysql, mariadb, better-sqlite3 or sqlite).`);
  }
  if (scheme === "sqlite") {
    const file = typeof o.database === "string" ? o.database : ":memory:";
    const driver = o.type === "sqlite" ? "sqlite3" : "better-sqlite3";
    return `sqlite:${file}?driver=${driver}`;
  }
  if (o.url) return o.url;
  const auth = o.username ? `${encodeURIComponent(o.username)}${o.password ? `:${encodeURIComponent(o.password)}` : ""}@` : "";
  const port = o.port ? `:${o.port}` : "";
  const database = typeof o.database === "string" ? encodeURIComponent(o.database) : "";
  return `${scheme}://${auth}${o.host ?? "localhost"}${port}/${database}`;
}

/** SPEC.md §1 precedence: --url, then DATABASE_URL, then the config's url, then the DataSource. */
export function chooseConnectionUrl(sources: {
  readonly flag?: string;
  readonly env?: string;
  readonly config?: string;
  readonly dataSource?: DataSourceConnectionOptions;
}): string {
  const url = sources.flag || sources.env || sources.config;
  if (url) return url;
  if (sources.dataSource) return urlFromDataSourceOptions(sources.dataSource);
  throw new NoConnectionUrlError("No database to connect to.");
}

/** A relative `sqlite:` path is relative to the project (the config's folder), not the shell's cwd. */
export function anchorSqliteUrl(url: string, projectDir: string): string {
  const m = /^sqlite:(?!\/\/)([^?]*)(\?.*)?$/.exec(url);
  if (!m || m[1] === "" || m[1] === ":memory:" || m[1]!.startsWith("/")) return url;
  return `sqlite:${resolve(projectDir, m[1]!)}${m[2] ?? ""}`;
}
