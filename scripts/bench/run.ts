import { selectedTargets } from "@retort/testing";
import { benchEndToEnd, type EndToEndFigure } from "./end-to-end";
import { formatTable } from "./measure";
import { benchReflection, type ReflectionFigure } from "./reflection";

const ms = (n: number) => n.toFixed(0);
const mb = (n: number) => n.toFixed(0);

function printEndToEnd(figures: readonly EndToEndFigure[]): void {
  console.log("\nEnd to end: one added column on a project at head (ops: what was found; 1 is right, more would be spurious)");
  console.log("cold: every cache empty; warm: nothing changed (entity model cached); edited: one entity file changed; MB: peak RSS\n");
  const run = (r: { ms: number; cpuMs: number; maxRssMb: number }) => [ms(r.ms), ms(r.cpuMs), mb(r.maxRssMb)];
  console.log(
    formatTable(
      ["target", "entities", "cold ms", "cpu", "MB", "warm ms", "cpu", "MB", "edited ms", "cpu", "MB", "ops", "autogen ms", "cpu", "MB", "ops", "typeorm ms", "cpu", "MB", "stmts", "spurious"],
      figures.map((f) => [
        f.target,
        String(f.entities),
        ...run(f.firstCheck),
        ...run(f.check),
        ...run(f.edited),
        [f.firstCheck, f.check, f.edited].map((r) => r.operations).join("/"),
        ...run(f.autogen),
        String(f.autogen.operations),
        ...(f.typeorm ? [...run(f.typeorm), String(f.typeorm.statements), String(f.typeorm.spurious)] : ["-", "-", "-", "-", "-"]),
      ]),
    ),
  );
  printGrowth(figures);
}

/** Each size's figures over those of the smallest size ≥ 1000 (else the smallest) of the same target: linear growth is N/N₀. */
function printGrowth(figures: readonly EndToEndFigure[]): void {
  const rows: string[][] = [];
  for (const target of [...new Set(figures.map((f) => f.target))]) {
    const mine = figures.filter((f) => f.target === target);
    const base = mine.find((f) => f.entities >= 1000) ?? mine[0]!;
    for (const f of mine.filter((g) => g.entities > base.entities)) {
      const x = (a: number, b: number) => (a / b).toFixed(1);
      rows.push([
        target,
        `${f.entities}/${base.entities}`,
        x(f.entities, base.entities),
        x(f.firstCheck.ms, base.firstCheck.ms),
        x(f.firstCheck.cpuMs, base.firstCheck.cpuMs),
        x(f.check.cpuMs, base.check.cpuMs),
        x(f.edited.cpuMs, base.edited.cpuMs),
        x(f.autogen.cpuMs, base.autogen.cpuMs),
        x(f.firstCheck.maxRssMb, base.firstCheck.maxRssMb),
      ]);
    }
  }
  if (rows.length === 0) return;
  console.log("\nGrowth: ratio to the base size (linear = the N ratio)\n");
  console.log(formatTable(["target", "N", "N ×", "cold wall ×", "cold cpu ×", "warm cpu ×", "edited cpu ×", "autogen cpu ×", "cold MB ×"], rows));
}

/**
 * `npm run bench`: reflection speed on generated schemas of 50, 200 and 1000 tables, then
 * `retort check` / `retort autogen` end to end (cold, warm, after one edit) beside TypeORM's
 * migration:generate, on each dialect, and the growth between sizes.
 * RETORT_BENCH_SIZES=1000,3000,10000 measures growth at scale (TypeORM only up to
 * RETORT_BENCH_TYPEORM_MAX entities, default 1000); RETORT_TEST_TARGETS and
 * RETORT_BENCH_PARTS=reflection (or end-to-end) narrow a run.
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
      console.error(`  ${f.target} ${n} entities: cold check ${ms(f.firstCheck.ms)} ms, warm ${ms(f.check.ms)} ms, edited ${ms(f.edited.ms)} ms, autogen ${ms(f.autogen.ms)} ms${f.typeorm ? `, typeorm ${ms(f.typeorm.ms)} ms` : ""}`);
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
