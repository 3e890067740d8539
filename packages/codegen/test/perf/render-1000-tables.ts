import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { writeMigrationFile } from "../../src";
import { input } from "../fixtures";
import { initialMigration } from "./schema-1000";

/**
 * Times writing a `count`-table initial migration in this (fresh) process, the way
 * autogen pays for it: module loading included. `fast` uses the prettier-equivalent
 * printer, `prettier` runs prettier itself on the ts-morph output.
 *
 *   node packages/codegen/dist/test/perf/render-1000-tables.js [count] [fast|prettier]
 */
export async function measure(count: number, mode: "fast" | "prettier"): Promise<{ ms: number; bytes: number }> {
  const migration = input(initialMigration(count), { downRevision: null, message: "initial" });
  const dir = await mkdtemp(join(tmpdir(), "retort-perf-"));
  try {
    const start = performance.now();
    const written = await writeMigrationFile(dir, migration, { fastFormat: mode === "fast" });
    return { ms: Math.round(performance.now() - start), bytes: written.source.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const mode = process.argv[3] === "prettier" ? "prettier" : "fast";
  measure(Number(process.argv[2] ?? 1000), mode).then(
    (r) => console.log(JSON.stringify({ tables: Number(process.argv[2] ?? 1000), mode, ...r })),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
