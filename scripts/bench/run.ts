import { selectedTargets } from "@retort/testing";
import { formatTable } from "./measure";
import { benchReflection, type ReflectionFigure } from "./reflection";

/**
 * `npm run bench`: reflection speed on generated schemas of 50, 200 and 1000 tables on
 * each dialect. RETORT_BENCH_SIZES=50,200 and RETORT_TEST_TARGETS narrow a run.
 */
async function main(): Promise<void> {
  const sizes = (process.env.RETORT_BENCH_SIZES ?? "50,200,1000").split(",").map(Number);
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
