import { UnsupportedUrlError } from "@retort/core";

export type SqliteDriverName = "better-sqlite3" | "sqlite3";

/** A parsed connection URL. The password stays here and never reaches a message. */
export type ConnectionTarget =
  | {
      readonly family: "postgres" | "mysql";
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string | undefined;
      readonly password: string | undefined;
      /** Query-string options passed through to the driver (sslmode, charset, …). */
      readonly params: Readonly<Record<string, string>>;
    }
  | {
      readonly family: "sqlite";
      /** A file path, or `:memory:`. */
      readonly file: string;
      /** Forced driver (`?driver=`), else whichever the project has. */
      readonly driver: SqliteDriverName | undefined;
    };

const SERVER_SCHEMES: Record<string, { family: "postgres" | "mysql"; port: number }> = {
  "postgres:": { family: "postgres", port: 5432 },
  "postgresql:": { family: "postgres", port: 5432 },
  "mysql:": { family: "mysql", port: 3306 },
  "mariadb:": { family: "mysql", port: 3306 },
};

/** Parses `postgres://…`, `mysql://…`, `mariadb://…`, `sqlite:path` and `sqlite::memory:`. */
export function parseConnectionUrl(url: string): ConnectionTarget {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  if (scheme === "sqlite:") return parseSqliteUrl(url.slice("sqlite:".length));
  const server = scheme ? SERVER_SCHEMES[scheme] : undefined;
  if (!server) throw new UnsupportedUrlError(scheme ? scheme.slice(0, -1) : url.split(":")[0] || "(none)");
  const u = new URL(url);
  const params: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (params[k] = v));
  return {
    family: server.family,
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : server.port,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    params,
  };
}

function parseSqliteUrl(rest: string): ConnectionTarget {
  // Accept sqlite:path, sqlite://path and sqlite:///abs/path.
  let path = rest.startsWith("//") ? rest.slice(2) : rest;
  let driver: SqliteDriverName | undefined;
  const q = path.indexOf("?");
  if (q >= 0) {
    const params = new URLSearchParams(path.slice(q + 1));
    path = path.slice(0, q);
    const d = params.get("driver");
    if (d !== null) {
      if (d !== "better-sqlite3" && d !== "sqlite3") {
        throw new UnsupportedUrlError(`sqlite driver "${d}" (use ?driver=better-sqlite3 or ?driver=sqlite3)`);
      }
      driver = d;
    }
  }
  return { family: "sqlite", file: path === "" ? ":memory:" : path, driver };
}

/** The URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
