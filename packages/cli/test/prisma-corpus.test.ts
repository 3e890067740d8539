import { connect } from "@retort/dialects";
import { describeEachTarget, type TargetContext } from "@retort/testing";
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compareProject } from "../src/api/check";
import { fixtureProject } from "./support/fixture-project";
import { corpusDir, DEFAULT_CORPUS, migrationScripts, readCorpus, withProvider, type CorpusEntry } from "./support/prisma-corpus";
import { prismaMigrateSql, runPrismaSql } from "./support/prisma-example";

/**
 * The real-schema corpus (README.md "Prisma schemas"): for each public schema.prisma and each
 * engine Prisma accepts it for, the database Prisma Migrate builds (its own SQL from its schema
 * engine; on MySQL the project's committed Prisma migrations) is one `retort check` finds in
 * sync with the schema: 0 differences.
 */
const dir = corpusDir();
if (dir === null) {
  describe("the Prisma real-schema corpus", () => {
    it("is present", () => {
      throw new Error(
        `No Prisma corpus: set RETORT_PRISMA_CORPUS to a folder holding corpus.json and its .prisma files (default ${DEFAULT_CORPUS}).`,
      );
    });
  });
} else {
  for (const entry of readCorpus(dir)) {
    for (const provider of entry.providers) {
      if (provider === "mysql" && !entry.migrations) continue; // no oracle: see README.md "Prisma schemas"
      describeEachTarget(
        `the Prisma corpus: ${entry.name} (${entry.project})`,
        (ctx) => {
          it("the database Prisma Migrate builds checks with 0 differences", async function () {
            this.timeout(120_000);
            await buildWithPrisma(ctx, dir, entry, provider);
            const project = fixtureProject({
              "retort.config.ts": `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ prisma: "./prisma/schema.prisma", migrations: "./migrations" });\n`,
              "prisma/schema.prisma": withProvider(readFileSync(join(dir, entry.file), "utf8"), provider),
            });
            try {
              const result = await compareProject({ cwd: project.dir, url: ctx.db.url }, "check");
              expect(result.operations, JSON.stringify(result.operations.slice(0, 5), null, 1)).to.deep.equal([]);
              expect(result.upToDate).to.equal(true);
              // Not a vacuous pass: every table of the model was read from the database (in its schema).
              const key = (t: { schema: string | null; name: string }) => `${t.schema ?? ""}.${t.name}`;
              const reflected = new Set(result.actual.tables.map(key));
              expect(result.target.tables.length).to.be.greaterThan(0);
              expect(result.target.tables.map(key).filter((k) => !reflected.has(k))).to.deep.equal([]);
            } finally {
              project.remove();
            }
          });
        },
        { targets: [provider === "postgresql" ? "postgres" : provider === "sqlite" ? "sqlite" : "mariadb"] },
      );
    }
  }
}

/** Prisma's SQL from its schema engine (PostgreSQL, SQLite), or the project's own Prisma migrations (MySQL). */
async function buildWithPrisma(ctx: TargetContext, dir: string, entry: CorpusEntry, provider: "postgresql" | "sqlite" | "mysql"): Promise<void> {
  const scripts =
    provider === "mysql"
      ? migrationScripts(join(dir, entry.migrations!.dir))
      : [await prismaMigrateSql(withProvider(readFileSync(join(dir, entry.file), "utf8"), provider), provider === "postgresql" ? "postgres" : "sqlite")];
  const db = await connect(ctx.db.url);
  try {
    if (provider === "postgresql") for (const sql of entry.pgPrelude ?? []) await db.query(sql);
    for (const sql of scripts) await runPrismaSql(db, sql);
  } finally {
    await db.close();
  }
}
