import { ALL_TARGETS, createTestDatabase } from "@retort/testing";
import { connect } from "@retort/dialects";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../src";
import { fixtureProject } from "./fixture-project";
import { corpusDir, readCorpus, withProvider } from "./prisma-corpus";
import { prismaMigrateSql, runPrismaSql } from "./prisma-example";
import { runRetort } from "./run-retort";

/**
 * A measurement, not a test: `retort check` on the largest PostgreSQL schema of the Prisma
 * corpus (by models), on a database Prisma Migrate's SQL built, in a fresh process (the
 * `retort` binary) and warm (the programmatic `check` again in one process). Prints the
 * medians. Usage: node packages/cli/dist/test/support/prisma-corpus-timing.js [name] [runs]
 */
async function main(name: string | undefined, runs: number): Promise<void> {
  const dir = corpusDir();
  if (dir === null) throw new Error("No Prisma corpus: set RETORT_PRISMA_CORPUS.");
  const entries = readCorpus(dir).filter((e) => e.providers.includes("postgresql"));
  const entry = name ? entries.find((e) => e.name === name)! : entries.reduce((a, b) => (b.models > a.models ? b : a));
  const schema = withProvider(readFileSync(join(dir, entry.file), "utf8"), "postgresql");
  const database = await createTestDatabase(ALL_TARGETS.find((t) => t.name === "postgres")!);
  const project = fixtureProject({
    "retort.config.ts": `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ prisma: "./prisma/schema.prisma", migrations: "./migrations" });\n`,
    "prisma/schema.prisma": schema,
  });
  try {
    const db = await connect(database.url);
    try {
      for (const sql of entry.pgPrelude ?? []) await db.query(sql);
      await runPrismaSql(db, await prismaMigrateSql(schema, "postgres"));
    } finally {
      await db.close();
    }
    const fresh: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const run = runRetort(["check", "--url", database.url], project.dir);
      fresh.push(performance.now() - started);
      if (run.code !== 0) throw new Error(`retort check exited ${run.code}: ${run.stdout}${run.stderr}`);
    }
    const warm: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const result = await check({ cwd: project.dir, url: database.url });
      if (i > 0) warm.push(performance.now() - started);
      if (!result.upToDate) throw new Error(`check found differences: ${JSON.stringify(result.operations.slice(0, 3))}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
    console.log(`${entry.name} (${entry.models} models): retort check, fresh process ${median(fresh)} ms, warm ${median(warm)} ms (median of ${runs})`);
  } finally {
    project.remove();
    await database.drop();
  }
}

main(process.argv[2], Number(process.argv[3] ?? 5)).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
