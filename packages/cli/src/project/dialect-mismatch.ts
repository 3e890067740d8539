import { RetortError, type DeclaredEngine } from "@retort/core";
import { parseConnectionUrl, redactUrl } from "@retort/dialects";

const ENGINE_NAME = { postgres: "PostgreSQL", mysql: "MySQL/MariaDB", sqlite: "SQLite" } as const;

export class DialectMismatchError extends RetortError {
  constructor(engine: DeclaredEngine, url: string, urlEngine: keyof typeof ENGINE_NAME) {
    const declared = ENGINE_NAME[engine.family];
    super(
      "dialect_mismatch",
      `The entities are declared for ${declared} (${engine.declaredBy}), but the URL ${redactUrl(url)} is a ${ENGINE_NAME[urlEngine]} database: ` +
        `comparing across engines lists differences that are only translations. Point --url (or DATABASE_URL, or the config's url) at a ${declared} database, ` +
        "or pass --allow-dialect-mismatch if comparing across engines is intended.",
    );
  }
}

/**
 * `--url postgres://…` with a SQLite DataSource would silently compare across engines
 * (README.md, "Commands": `--allow-dialect-mismatch`). Refuses unless allowed; `declared`
 * is what the model source says (nothing for an `entities` config, built from the URL).
 */
export function requireSameEngine(declared: DeclaredEngine | null, url: string, allowed: boolean): void {
  if (allowed || !declared) return;
  const engine = parseConnectionUrl(url).family;
  if (engine !== declared.family) throw new DialectMismatchError(declared, url, engine);
}
