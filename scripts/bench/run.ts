import { selectedTargets, type TestTarget } from "@retort/testing";
import { loadavg } from "node:os";
import { benchEndToEnd, type EndToEndFigure } from "./end-to-end";
import { formatTable } from "./measure";
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from "./options";
import { benchReflection, type ReflectionFigure } from "./reflection";

const ms = (n: number) => n.toFixed(0);
const mb = (n: number) => n.toFixed(0);

function printEndToEnd(figures: readonly EndToEndFigure[]): void {
  console.log("\nEnd to end: one added column on a project at head (ops: what was found; 1 is right, more would be spurious)");
  console.log("cold: every cache empty; warm: nothing changed (entity model cached); edited: one entity file changed;");
  console.log("watch: `check --watch`, from a one-entity save (a column added) to its report; later: the median of five more saves (restored, added…);");
  console.log("warm: the median of three runs; cpu: user+sys ms; MB: peak RSS; load: 1-minute load average\n");
  const run = (r: { ms: number; cpuMs: number; maxRssMb: number }) => [ms(r.ms), ms(r.cpuMs), mb(r.maxRssMb)];
  console.log(
    formatTable(
      ["target", "entities", "cold ms", "cpu", "MB", "warm ms", "cpu", "MB", "edited ms", "cpu", "MB", "ops", "watch ms", "cpu", "later ms", "seen", "autogen ms", "cpu", "MB", "ops", "typeorm ms", "cpu", "MB", "stmts", "spurious", "load"],
      figures.map((f) => [
        f.target,
        String(f.entities),
        ...run(f.firstCheck),
        ...run(f.check),
        ...run(f.edited),
        [f.firstCheck, f.check, f.edited].map((r) => r.operations).join("/"),
        ...(f.watch ? [ms(f.watch.ms), ms(f.watch.cpuMs), ms(f.watch.laterMs), f.watch.found ? "yes" : "NO"] : ["-", "-", "-", "-"]),
        ...run(f.autogen),
        String(f.autogen.operations),
        ...(f.typeorm ? [...run(f.typeorm), String(f.typeorm.statements), String(f.typeorm.spurious)] : ["-", "-", "-", "-", "-"]),
        f.loadAverage.toFixed(1),
      ]),
    ),
  );
  printGrowth(figures);
  const initial = figures.filter((f) => f.setup.upgrade);
  if (initial.length === 0) return;
  console.log("\nThe initial migration (above --typeorm-max, retort's autogen + upgrade head bring the database to head)\n");
  console.log(
    formatTable(
      ["target", "entities", "revisions", "upgrade ms", "cpu", "MB"],
      initial.map((f) => [f.target, String(f.entities), String(f.setup.upgrade!.revisions), ms(f.setup.upgrade!.ms), ms(f.setup.upgrade!.cpuMs), mb(f.setup.upgrade!.maxRssMb)]),
    ),
  );
}

/** Each size's figures over those of the smallest size ≥ 1000 (else the smallest) of the same target: linear growth is N/N₀. */
function printGrowth(figures: readonly EndToEndFigure[]): void {
  const rows: string[][] = [];
  for (const target of [...new Set(figures.map((f) => f.target))]) {
    const mine = figures.filter((f) => f.target === target);
    const base = mine.find((f) => f.entities >= 1000) ?? mine[0]!;
    for (const f of mine.filter((g) => g.entities >= base.entities)) {
      const x = (a: number, b: number) => (a / b).toFixed(1);
      rows.push([
        target,
        String(f.entities),
        x(f.entities, base.entities),
        x(f.firstCheck.ms, base.firstCheck.ms),
        x(f.firstCheck.cpuMs, base.firstCheck.cpuMs),
        x(f.check.ms, base.check.ms),
        x(f.check.cpuMs, base.check.cpuMs),
        x(f.edited.cpuMs, base.edited.cpuMs),
        f.watch && base.watch ? x(f.watch.ms, base.watch.ms) : "-",
        x(f.autogen.cpuMs, base.autogen.cpuMs),
        x(f.firstCheck.maxRssMb, base.firstCheck.maxRssMb),
        mb(f.firstCheck.maxRssMb),
        f.loadAverage.toFixed(1),
      ]);
    }
  }
  if (rows.length === 0) return;
  console.log("\nGrowth: ratio to the base size (N = 1,000, else the smallest); linear growth is the N ratio\n");
  console.log(
    formatTable(["target", "N", "N ×", "cold wall ×", "cold cpu ×", "warm wall ×", "warm cpu ×", "edited cpu ×", "watch wall ×", "autogen cpu ×", "cold MB ×", "cold MB", "load"], rows),
  );
}

/**
 * `npm run bench` (README.md, "Performance"): reflection speed on generated schemas, then
 * `retort check` / `retort autogen` end to end (cold, warm, after one edit, `--watch`)
 * beside TypeORM's migration:generate, on each engine, and the growth between sizes.
 */
async function main(): Promise<void> {
  let options: BenchOptions | "help";
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    console.error(`bench: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const targets = engines(options);
  console.error(`bench: ${options.parts.join(", ")} at ${options.sizes.join(", ")} on ${targets.map((t) => t.name).join(", ")}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (options.parts.includes("reflection")) await reflection(targets, options.sizes);
  if (options.parts.includes("end-to-end") || options.parts.includes("watch")) await endToEnd(targets, options);
}

function engines(options: BenchOptions): readonly TestTarget[] {
  const selected = selectedTargets();
  if (options.engines.length === 0) return selected;
  const unknown = options.engines.find((e) => !selected.some((t) => t.name === e));
  if (unknown) throw new BenchUsageError(`--engines: "${unknown}" is not one of ${selected.map((t) => t.name).join(", ")}`);
  return selected.filter((t) => options.engines.includes(t.name));
}

async function endToEnd(targets: readonly TestTarget[], options: BenchOptions): Promise<void> {
  const figures: EndToEndFigure[] = [];
  // TypeORM's SQLite type is better-sqlite3 on 1.x: the sqlite3 target is not a separate case here.
  for (const target of targets.filter((t) => t.name !== "sqlite3")) {
    for (const n of options.sizes) {
      const f = await benchEndToEnd(target, n, { typeormMax: options.typeormMax, watch: options.parts.includes("watch") });
      figures.push(f);
      console.error(
        `  ${f.target} ${n} entities: cold check ${ms(f.firstCheck.ms)} ms (cpu ${ms(f.firstCheck.cpuMs)}), warm ${ms(f.check.ms)} ms (cpu ${ms(f.check.cpuMs)}), edited ${ms(f.edited.ms)} ms${f.watch ? `, watch ${ms(f.watch.ms)} ms` : ""}, autogen ${ms(f.autogen.ms)} ms${f.typeorm ? `, typeorm ${ms(f.typeorm.ms)} ms` : ""}; load ${f.loadAverage.toFixed(1)}`,
      );
    }
  }
  printEndToEnd(figures);
}

async function reflection(targets: readonly TestTarget[], sizes: readonly number[]): Promise<void> {
  const figures: ReflectionFigure[] = [];
  for (const target of targets) {
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
  if (e instanceof BenchUsageError) {
    console.error(`bench: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(e);
  process.exitCode = 1;
});
