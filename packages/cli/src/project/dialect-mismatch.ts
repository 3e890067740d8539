import { RetortError } from "@retort/core";
import { parseConnectionUrl, redactUrl } from "@retort/dialects";

const FAMILY_OF_TYPE: Record<string, "postgres" | "mysql" | "sqlite"> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mysql",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

const ENGINE_NAME = { postgres: "PostgreSQL", mysql: "MySQL/MariaDB", sqlite: "SQLite" } as const;

export class DialectMismatchError extends RetortError {
  constructor(dataSourceType: string, url: string, urlEngine: keyof typeof ENGINE_NAME) {
    const declared = ENGINE_NAME[FAMILY_OF_TYPE[dataSourceType]!];
    super(
      "dialect_mismatch",
      `The entities are declared for ${declared} (the DataSource's type is "${dataSourceType}"), but the URL ${redactUrl(url)} is a ${ENGINE_NAME[urlEngine]} database: ` +
        `comparing across engines lists differences that are only translations. Point --url (or DATABASE_URL, or the config's url) at a ${declared} database, ` +
        "or pass --allow-dialect-mismatch if comparing across engines is intended.",
    );
  }
}

/**
 * `--url postgres://…` with a SQLite DataSource would silently compare across engines
 * (README.md, "Commands": `--allow-dialect-mismatch`). Refuses unless allowed.
 */
export function requireSameEngine(dataSourceType: string | undefined, url: string, allowed: boolean): void {
  const declared = dataSourceType ? FAMILY_OF_TYPE[dataSourceType] : undefined;
  if (allowed || !declared) return;
  const engine = parseConnectionUrl(url).family;
  if (engine !== declared) throw new DialectMismatchError(dataSourceType!, url, engine);
}
