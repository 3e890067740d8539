import type { SourceConnection } from "@retort/core";
import { NoConnectionUrlError } from "@retort/core";
import { resolve } from "node:path";

export { NoConnectionUrlError };

/** docs/reference.md §1 precedence: --url, then DATABASE_URL, then the config's url, then the model source. */
export function chooseConnectionUrl(sources: {
  readonly flag?: string;
  readonly env?: string;
  readonly config?: string;
  /** Where the model source says the database is (a TypeORM DataSource, a Prisma datasource). */
  readonly source?: () => SourceConnection;
}): string {
  const url = sources.flag || sources.env || sources.config;
  if (url) return url;
  if (sources.source) return sources.source().url;
  throw new NoConnectionUrlError("No database to connect to.");
}

/** A relative `sqlite:` path is relative to the project (the config's folder), not the shell's cwd. */
export function anchorSqliteUrl(url: string, projectDir: string): string {
  const m = /^sqlite:(?!\/\/)([^?]*)(\?.*)?$/.exec(url);
  if (!m || m[1] === "" || m[1] === ":memory:" || m[1]!.startsWith("/")) return url;
  return `sqlite:${resolve(projectDir, m[1]!)}${m[2] ?? ""}`;
}
