import { selectedTargets } from "@retort/testing";
import { benchEndToEnd, type EndToEndFigure } from "./end-to-end";
import { formatTable } from "./measure";
import { benchReflection, type ReflectionFigure } from "./reflection";

const ms = (n: number) => n.toFixed(0);
const mb = (n: number) => n.toFixed(0);

function printEndToEnd(figures: readonly EndToEndFigure[]): void {
  console.log("\nEnd to end: one added column on a project at head; TypeORM = migration:generate --dryrun, ts-node transpile-only");
  console.log("(1st check: retort's V8 code cache still empty; check and autogen: the runs after it; × = TypeORM wall / retort wall)\n");
  console.log(
    formatTable(
      ["target", "entities", "1st check ms", "check ms", "cpu ms", "MB", "ops", "autogen ms", "cpu ms", "MB", "ops", "typeorm ms", "cpu ms", "MB", "stmts", "spurious", "check ×", "autogen ×"],
      figures.map((f) => [
        f.target,
        String(f.entities),
        ms(f.firstCheck.ms),
        ms(f.check.ms),
        ms(f.check.cpuMs),
        mb(f.check.maxRssMb),
        String(f.check.operations),
        ms(f.autogen.ms),
        ms(f.autogen.cpuMs),
        mb(f.autogen.maxRssMb),
        String(f.autogen.operations),
        ms(f.typeorm.ms),
        ms(f.typeorm.cpuMs),
        mb(f.typeorm.maxRssMb),
        String(f.typeorm.statements),
        String(f.typeorm.spurious),
        (f.typeorm.ms / f.check.ms).toFixed(1),
        (f.typeorm.ms / f.autogen.ms).toFixed(1),
      ]),
    ),
  );
}

/**
 * `npm run bench`: reflection speed on generated schemas of 50, 200 and 1000 tables, then
 * `retort check` / `retort autogen` end to end beside TypeORM's migration:generate, on each
 * dialect. RETORT_BENCH_SIZES=50,200, RETORT_TEST_TARGETS and RETORT_BENCH_PARTS=reflection
 * (or end-to-end) narrow a run.
 */
async function main(): Promise<void> {
  const sizes = (process.env.RETORT_BENCH_SIZES ?? "50,200,1000").split(",").map(Number);
  const parts = (process.env.RETORT_BENCH_PARTS ?? "reflection,end-to-end").split(",");
  if (parts.includes("reflection")) await reflection(sizes);
  if (parts.includes("end-to-end")) await endToEnd(sizes);
}

async function endToEnd(sizes: readonly number[]): Promise<void> {
  const figures: EndToEndFigure[] = [];
  // TypeORM's SQLite type is better-sqlite3 on 1.x: the sqlite3 target is not a separate case here.
  for (const target of selectedTargets().filter((t) => t.name !== "sqlite3")) {
    for (const n of sizes) {
      const f = await benchEndToEnd(target, n);
      figures.push(f);
      console.error(`  ${f.target} ${n} entities: check ${ms(f.check.ms)} ms, autogen ${ms(f.autogen.ms)} ms, typeorm ${ms(f.typeorm.ms)} ms`);
    }
  }
  printEndToEnd(figures);
}

async function reflection(sizes: readonly number[]): Promise<void> {
  const figures: ReflectionFigure[] = [];
  for (const target of selectedTargets()) {
    for (const n of sizes) {
      const f = await benchReflection(target, n);
      figures.push(f);
      console.error(`  ${f.target} ${n} tables: ${f.medianMs.toFixed(1)} ms, ${f.queries} queries`);
    }
  }
  console.log("\nReflection (introspect), median of 5 runs after a warm-up\n");
  console.log(
    formatTable(
      ["target", "tables", "reflected", "ms", "queries"],
      figures.map((f) => [f.target, String(f.tables), String(f.reflectedTables), f.medianMs.toFixed(1), String(f.queries)]),
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
