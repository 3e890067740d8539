import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { formatSource, renderMigration, writeMigrationFile } from "../../src";
import { input } from "../fixtures";
import { initialMigration } from "./schema-1000";

/** Times each step of writing a 1000-table initial migration: `node dist/test/perf/render-1000-tables.js`. */
export async function measure(count = 1000): Promise<Record<string, number>> {
  const ops = initialMigration(count);
  const migration = input(ops, { downRevision: null, message: "initial" });
  const t0 = performance.now();
  await renderMigration(input([]));
  const t1 = performance.now();
  const rendered = await renderMigration(migration);
  const t2 = performance.now();
  await formatSource(rendered.source, join(tmpdir(), "x.ts"));
  const t3 = performance.now();
  const dir = await mkdtemp(join(tmpdir(), "retort-perf-"));
  try {
    const written = await writeMigrationFile(dir, migration);
    const t4 = performance.now();
    await writeMigrationFile(join(dir, "slow"), migration, { fastFormat: false });
    const t5 = performance.now();
    const size = (await readFile(written.path, "utf8")).length;
    return {
      firstRenderWithTsMorphLoadMs: t1 - t0,
      renderMs: t2 - t1,
      prettierFirstMs: t3 - t2,
      writeMigrationFileMs: t4 - t3,
      writeWithPrettierItselfMs: t5 - t4,
      fileKiB: Math.round(size / 1024),
      lines: rendered.source.split("\n").length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measure(Number(process.argv[2] ?? 1000)).then(
    (r) => console.log(JSON.stringify(r, (_k, v: unknown) => (typeof v === "number" ? Math.round(v) : v), 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
