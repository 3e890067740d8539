import { parseArgs } from "node:util";

/** What `npm run bench` measures (README.md, "Performance"). */
export interface BenchOptions {
  readonly parts: readonly Part[];
  readonly sizes: readonly number[];
  /** Target names (postgres, mariadb, sqlite, sqlite3); empty: every target RETORT_TEST_TARGETS selects. */
  readonly engines: readonly string[];
  /** TypeORM's own migration:generate runs only up to this many entities (it takes minutes above). */
  readonly typeormMax: number;
}

export type Part = "reflection" | "end-to-end" | "watch";
const PARTS: readonly Part[] = ["reflection", "end-to-end", "watch"];

/** Above this, a size is a scale run: never in CI (CI set), where it would take most of an hour. */
export const CI_MAX_SIZE = 1000;

export const USAGE = `npm run bench -- [options]

  --parts <list>        reflection,end-to-end,watch (default: all three)
  --sizes <list>        entity/table counts (default 50,200,1000); e.g. 1000,3000,10000 for growth at scale
  --engines <list>      postgres,mariadb,sqlite,sqlite3 (default: RETORT_TEST_TARGETS, else all)
  --typeorm-max <n>     run TypeORM's migration:generate beside retort up to n entities (default 1000)
  --help                this text

end-to-end: retort check cold (every cache empty), warm (nothing changed), after a one-entity
edit, and autogen, with wall time, CPU time (user+sys) and peak memory, then the growth table
(ratios to N = 1,000, or the smallest size). watch: how long after a one-entity save
\`check --watch\` reports. With CI set, sizes above ${CI_MAX_SIZE} are refused.
The environment variables RETORT_BENCH_PARTS, RETORT_BENCH_SIZES and RETORT_BENCH_TYPEORM_MAX
are the defaults of the matching options.`;

const list = (text: string): string[] =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** The options from the command line, or a one-line error (thrown as a string) saying how to fix it. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | "help" {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: { parts: { type: "string" }, sizes: { type: "string" }, engines: { type: "string" }, "typeorm-max": { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new BenchUsageError(`${(e as Error).message}; see --help`);
  }
  if (values.help) return "help";
  const parts = list(values.parts ?? env.RETORT_BENCH_PARTS ?? PARTS.join(","));
  const unknown = parts.find((p) => !PARTS.includes(p as Part));
  if (unknown) throw new BenchUsageError(`--parts: unknown part "${unknown}"; use ${PARTS.join(", ")}`);
  const sizes = list(values.sizes ?? env.RETORT_BENCH_SIZES ?? "50,200,1000").map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new BenchUsageError("--sizes: a comma-separated list of whole numbers ≥ 2, e.g. 1000,3000,10000");
  if (env.CI && sizes.some((n) => n > CI_MAX_SIZE)) throw new BenchUsageError(`--sizes: above ${CI_MAX_SIZE} only outside CI (CI is set); scale runs take most of an hour`);
  const typeormMax = Number(values["typeorm-max"] ?? env.RETORT_BENCH_TYPEORM_MAX ?? 1000);
  if (!Number.isInteger(typeormMax) || typeormMax < 0) throw new BenchUsageError("--typeorm-max: a whole number ≥ 0 (0: never run TypeORM)");
  return { parts: parts as Part[], sizes, engines: list(values.engines ?? ""), typeormMax };
}

export class BenchUsageError extends Error {}
