import { MalformedUrlError, UnsupportedUrlError } from "@retort/core";
import { redactUrl, rememberUrlSecrets } from "./redact";

export type SqliteDriverName = "better-sqlite3" | "sqlite3";

/** A parsed connection URL. The password stays here and never reaches a message. */
export type ConnectionTarget =
  | {
      readonly family: "postgres" | "mysql";
      /** A host name, or (PostgreSQL) a unix-socket directory such as `/var/run/postgresql`. */
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string | undefined;
      readonly password: string | undefined;
      /** Query-string options passed through to the driver (sslmode, options, charset, …). */
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

/**
 * Parses `postgres://…`, `mysql://…`, `mariadb://…`, `sqlite:path` and `sqlite::memory:`.
 * A server URL must be well formed: a typo such as `postgres:/u:pw@host/db` would
 * otherwise become a database named `u:pw@host/db`. Errors echo the URL only redacted.
 */
export function parseConnectionUrl(url: string): ConnectionTarget {
  rememberUrlSecrets(url);
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  if (scheme === "sqlite:") return parseSqliteUrl(url.slice("sqlite:".length));
  const server = scheme ? SERVER_SCHEMES[scheme] : undefined;
  if (!server) throw new UnsupportedUrlError(scheme ? scheme.slice(0, -1) : undefined);
  const shape = `${scheme}//user:password@host:port/database`;
  if (!url.slice(scheme!.length).startsWith("//")) {
    throw new MalformedUrlError(redactUrl(url), `it must start with "${scheme}//" (${shape})`);
  }
  const afterAuthority = url.slice(scheme!.length + 2).replace(/^[^/?#]*/, "");
  if (afterAuthority.includes("@")) {
    throw new MalformedUrlError(
      redactUrl(url),
      "an \"@\" follows the host part, so the password probably holds an unencoded \"/\", \"?\" or \"#\"; percent-encode them in the password (%2F, %3F, %23, and %40 for \"@\")",
    );
  }
  let u: URL;
  try {
    // `postgres://user@/db?host=/socket/dir` (libpq) has an empty host, which URL refuses.
    u = new URL(url.replace(/^([a-z0-9+.-]+:\/\/[^/?#]*@)(?=[/?#]|$)/i, "$1localhost"));
  } catch {
    throw new MalformedUrlError(redactUrl(url), `expected ${shape}; percent-encode special characters in the user name and password`);
  }
  const params: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (params[k] = v));
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new MalformedUrlError(redactUrl(url), `its ${what} holds a "%" that is not a percent-encoding (write "%25" for "%")`);
    }
  };
  // libpq's `?host=/socket/dir` and a percent-encoded socket directory in the host part both work.
  const host = params.host ?? (decode(u.hostname, "host") || "localhost");
  return {
    family: server.family,
    host,
    port: u.port ? Number(u.port) : params.port && /^\d+$/.test(params.port) ? Number(params.port) : server.port,
    database: decode(u.pathname.replace(/^\//, ""), "database name"),
    user: u.username ? decode(u.username, "user name") : params.user,
    password: u.password ? decode(u.password, "password") : params.password,
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
        throw new UnsupportedUrlError(undefined, `The sqlite driver "${d}" is not supported: use ?driver=better-sqlite3 or ?driver=sqlite3.`);
      }
      driver = d;
    }
  }
  return { family: "sqlite", file: path === "" ? ":memory:" : path, driver };
}

