import { isBookkeeping, type DiscoverContext } from "@retort/core";
import { connect, engineFor, introspect, parseConnectionUrl } from "@retort/dialects";
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { expandGlobs } from "../loading/expand-globs";
import { loadDataSource } from "../loading/load-data-source";
import type { TypeormDataSource } from "../typeorm-shapes";
import { urlFromDataSourceOptions, type DataSourceConnectionOptions } from "./data-source-url";
import { otherToolsTables } from "./typeorm-bookkeeping";

const INSPECTION_CONNECT_TIMEOUT_MS = 5000;

/** What `retort init` found that says the project already has a database to adopt. */
export interface ExistingProject {
  /** Tables in the database besides bookkeeping tables (`null`: the database was not read). */
  readonly databaseTables: number | null;
  /** TypeORM's migration history table, when the database has one. */
  readonly typeormMigrationsTable: { readonly name: string; readonly rows: number } | null;
  /** Migrations the DataSource's `migrations` option names (files matched, or classes). */
  readonly typeormMigrations: number;
  /** Why the database was not read, when it was not. */
  readonly skipped?: string;
}

/**
 * Best effort, for advice only: loads the DataSource, counts the migrations it names,
 * and reads the database's tables. Never creates anything (a missing SQLite file stays
 * missing); any failure only leaves the database part out.
 */
export async function inspectExistingProject(dataSourceFile: string, projectDir: string, context: DiscoverContext): Promise<ExistingProject> {
  let dataSource: TypeormDataSource;
  try {
    dataSource = await loadDataSource(dataSourceFile);
  } catch (e) {
    return { databaseTables: null, typeormMigrationsTable: null, typeormMigrations: 0, skipped: `the DataSource did not load: ${(e as Error).message}` };
  }
  const typeormMigrations = countMigrations(dataSource.options.migrations, projectDir);
  try {
    const chosen = context.url || process.env.DATABASE_URL || urlFromDataSourceOptions(dataSource.options as DataSourceConnectionOptions);
    const anchored = context.anchorUrl(chosen);
    const target = parseConnectionUrl(anchored);
    if (target.family === "sqlite" && (target.file === ":memory:" || !existsSync(target.file))) {
      return { databaseTables: 0, typeormMigrationsTable: null, typeormMigrations };
    }
    // init must not hang on a server that never answers: the advice is not worth a wait.
    const db = await connect(anchored, { projectDir, connectTimeoutMs: INSPECTION_CONNECT_TIMEOUT_MS });
    try {
      const model = await introspect(db, {});
      const others = otherToolsTables(dataSource.options, model);
      const bookkeeping = [...context.retortTables, ...others];
      const databaseTables = model.tables.filter((t) => !isBookkeeping(bookkeeping, t.schema, t.name)).length;
      const history = others.find((t) => t.owner === "TypeORM migrations")!;
      const found = model.tables.find((t) => t.name === history.name && t.schema === history.schema);
      if (!found) return { databaseTables, typeormMigrationsTable: null, typeormMigrations };
      const table = [found.schema, found.name].filter((p): p is string => p !== null).map((p) => engineFor(db.dialect).quoting.ident(p)).join(".");
      const rows = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`);
      return { databaseTables, typeormMigrationsTable: { name: found.name, rows: Number(rows[0]?.n ?? 0) }, typeormMigrations };
    } finally {
      await db.close().catch(() => undefined);
    }
  } catch (e) {
    return { databaseTables: null, typeormMigrationsTable: null, typeormMigrations, skipped: `the database was not read: ${(e as Error).message}` };
  }
}

/** `migrations: ["src/migration/*.ts"]` (globs, relative to the process's folder as TypeORM reads them) or classes. */
function countMigrations(option: unknown, baseDir: string): number {
  const entries = Array.isArray(option) ? option : option === undefined || option === null ? [] : [option];
  const globs = entries.filter((e): e is string => typeof e === "string");
  const classes = entries.length - globs.length;
  const files = globs.length === 0 ? [] : expandGlobs(globs.map((g) => (isAbsolute(g) ? g : resolve(baseDir, g))), baseDir);
  return classes + files.length;
}

/**
 * What to tell a user whose project already has a database or TypeORM migrations
 * (README.md, "Adopting retort in an existing project"); nothing for a new project.
 */
export function adoptionAdvice(found: ExistingProject): string[] {
  const tables = found.databaseTables ?? 0;
  if (tables === 0 && found.typeormMigrations === 0 && !found.typeormMigrationsTable) return [];
  const facts: string[] = [];
  if (tables > 0) facts.push(`the database already has ${tables} table${tables === 1 ? "" : "s"}`);
  if (found.typeormMigrationsTable) {
    const { name, rows } = found.typeormMigrationsTable;
    facts.push(`TypeORM's \`${name}\` table records ${rows} applied migration${rows === 1 ? "" : "s"}`);
  }
  if (found.typeormMigrations > 0) facts.push(`the DataSource names ${found.typeormMigrations} TypeORM migration${found.typeormMigrations === 1 ? "" : "s"}`);
  const lines = [`This project is not new: ${facts.join(", ")}.`];
  if (tables > 0) {
    lines.push(
      "To adopt it: make sure the entities match the database (`retort check` lists any difference), then run",
      '  retort baseline -m "baseline"',
      "It writes one revision that creates today's schema (so a fresh database can still be built) and marks this database as being at it, without running it.",
    );
  } else {
    lines.push("The database has no tables yet: build it with TypeORM as before and adopt it with `retort baseline`, or start with `retort autogen -m \"initial schema\"`.");
  }
  lines.push("TypeORM's migration files and its migrations table are left as they are; see README.md, \"Adopting retort in an existing project\".");
  return lines;
}
