import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Queryable } from "@retort/core";
import { REPO_ROOT } from "./blog-example";
import { fixtureProject, type FixtureProject } from "./fixture-project";

export const PRISMA_EXAMPLE = join(REPO_ROOT, "examples", "prisma-blog");

/** What a run leaves behind, never part of a fresh copy. */
const GENERATED = /(^|\/)(node_modules|migrations)(\/|$)|\.db(-journal)?$|\.lock$/;

/**
 * A fresh copy of examples/prisma-blog with its datasource's provider set for the engine
 * under test (a Prisma schema names one provider; the example's is SQLite).
 */
export function prismaProject(provider: "postgresql" | "sqlite" | "mysql"): FixtureProject & { read(path: string): string; edit(path: string, before: string, after: string): void } {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(PRISMA_EXAMPLE, { withFileTypes: true, recursive: true })) {
    const rel = relative(PRISMA_EXAMPLE, join(entry.parentPath, entry.name));
    if (entry.isFile() && !GENERATED.test(rel)) files[rel] = readFileSync(join(PRISMA_EXAMPLE, rel), "utf8");
  }
  files["prisma/schema.prisma"] = files["prisma/schema.prisma"]!.replace('provider = "sqlite"', `provider = "${provider}"`);
  const project = fixtureProject(files);
  const read = (path: string) => readFileSync(join(project.dir, path), "utf8");
  return {
    ...project,
    read,
    edit(path, before, after) {
      const text = read(path);
      if (!text.includes(before)) throw new Error(`${path} does not contain ${before}`);
      project.write(path, text.replace(before, after));
    },
  };
}

/** The SQL Prisma Migrate writes for `schema` from empty: @retort/prisma's oracle (its test support, compiled). */
export async function prismaMigrateSql(schema: string, provider: "postgres" | "sqlite"): Promise<string> {
  const oracle = (await import(join(REPO_ROOT, "packages", "prisma", "dist", "test", "support", "prisma-migrate-sql.js"))) as {
    prismaMigrateSql(schema: string, provider: "postgres" | "sqlite"): Promise<string>;
  };
  return await oracle.prismaMigrateSql(schema, provider);
}

/** Runs Prisma's migration script statement by statement, as `prisma migrate deploy` would. */
export async function runPrismaSql(db: Queryable, sql: string): Promise<void> {
  const statements = sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) await db.query(statement);
}
