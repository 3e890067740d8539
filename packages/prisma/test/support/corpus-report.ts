import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareSchemas, describeOperations } from "@retort/compare";
import { connect, introspect } from "@retort/dialects";
import { ALL_TARGETS, createTestDatabase } from "@retort/testing";
import { buildPrismaModel, parseDmmf } from "../../src";
import { prismaMigrateSql } from "./prisma-migrate-sql";

/**
 * A local report, not a test: for each `.prisma` file in a folder, Prisma Migrate's SQL is
 * applied to a fresh PostgreSQL and SQLite database and compared with the model
 * @retort/prisma builds. Usage: node packages/prisma/dist/test/support/corpus-report.js <dir>
 */
async function main(dir: string): Promise<void> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".prisma")).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const provider of ["postgres", "sqlite"] as const) {
      const schema = withDatasource(text, provider);
      const target = ALL_TARGETS.find((t) => t.name === provider)!;
      const started = Date.now();
      let verdict: string;
      const database = await createTestDatabase(target);
      try {
        const sql = await prismaMigrateSql(schema, provider);
        const db = await connect(database.url);
        try {
          for (const s of sql.split(/;\s*\n/).map((x) => x.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean)) await db.query(s);
          const model = buildPrismaModel(parseDmmf([["schema.prisma", schema]]), provider);
          const diffs = describeOperations(compareSchemas(model, await introspect(db)));
          verdict = diffs.length === 0 ? `ok (${model.tables.length} tables)` : `${diffs.length} differences: ${diffs.slice(0, 3).map((d) => JSON.stringify(d)).join("; ")}`;
        } finally {
          await db.close();
        }
      } catch (e) {
        verdict = `error: ${(e instanceof Error ? e.message : String(e)).split("\n").slice(0, 2).join(" ")}`;
      } finally {
        await database.drop();
      }
      console.log(`${file}\t${provider}\t${Date.now() - started}ms\t${verdict}`);
    }
  }
}

function withDatasource(text: string, provider: "postgres" | "sqlite"): string {
  const block = `datasource db {\n  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"\n}`;
  return text.replace(/datasource\s+\w+\s*\{[^}]*\}/, block);
}

main(process.argv[2] ?? ".").catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
