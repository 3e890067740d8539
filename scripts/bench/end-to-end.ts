import { createTestDatabase, type TestTarget } from "@retort/testing";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadavg } from "node:os";
import { addOneColumn, entityClass, restoreEntity, writeGeneratedProject, type DataSourceType } from "./generated-project";
import { benchWatch, type WatchFigure } from "./watch-latency";
import { timedNode, type TimedRun } from "./timed-process";

const REPO = resolve(__dirname, "..", "..", "..");
const RETORT = join(REPO, "packages", "cli", "bin", "retort.js");
const TYPEORM_CLI = join(REPO, "node_modules", "typeorm", "cli.js");

export interface EndToEndFigure {
  readonly target: string;
  readonly entities: number;
  /** The first check, every cache empty (swc output, V8 code cache, entity model). */
  readonly firstCheck: TimedRun & { readonly operations: number };
  /** Checks again, nothing changed: the entity model comes from its cache (the median of three runs). */
  readonly check: TimedRun & { readonly operations: number };
  /** Checks after an edit to one entity file: the model is rebuilt, one file recompiled. */
  readonly edited: TimedRun & { readonly operations: number };
  readonly autogen: TimedRun & { readonly operations: number };
  /** `check --watch`: a one-entity save (a column added) until its report; `undefined` when not asked for. */
  readonly watch: WatchFigure | undefined;
  /** How the database was brought to head before the column was added. */
  readonly setup: SchemaSetup;
  /** The 1-minute load average when the size finished: the machine may be shared. */
  readonly loadAverage: number;
  /** `undefined` above --typeorm-max entities (default 1000): TypeORM takes minutes there. */
  readonly typeorm: (TimedRun & { readonly statements: number; readonly spurious: number }) | undefined;
}

const DATA_SOURCE_TYPE: Record<string, DataSourceType> = { postgres: "postgres", mariadb: "mariadb", sqlite: "better-sqlite3" };

function mustSucceed(run: TimedRun, what: string, allowed: readonly number[] = [0]): TimedRun {
  if (!allowed.includes(run.code)) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr || run.stdout}`);
  return run;
}

const operationCount = (run: TimedRun): number => (JSON.parse(run.stdout) as { operations: unknown[] }).operations.length;

/** TypeORM's up(): its statements, and those not about the one changed table (spurious). */
function typeormStatements(stdout: string): { statements: number; spurious: number } {
  const up = /async up\([\s\S]*?\n    }/.exec(stdout)?.[0] ?? "";
  const statements = up.match(/queryRunner\.query\(/g)?.length ?? 0;
  const changed = entityClass(0).toLowerCase();
  const spurious = up.split("\n").filter((l) => l.includes("queryRunner.query(") && !l.toLowerCase().includes(changed)).length;
  return { statements, spurious };
}

export interface SchemaSetup {
  /** TypeORM's synchronize, or (above --typeorm-max) retort's initial autogen and upgrade. */
  readonly how: "synchronize" | "autogen+upgrade";
  /** The initial upgrade (autogen+upgrade only): every table in revisions PostgreSQL's default lock table holds. */
  readonly upgrade?: TimedRun & { readonly revisions: number };
}

/**
 * The generated schema in the database. Where TypeORM's migration:generate runs beside
 * retort, TypeORM's own synchronize creates it, so that both tools look at TypeORM's
 * spelling. Above that, retort's initial migration does: synchronize creates every table
 * in one transaction, which on PostgreSQL runs out of shared memory (the lock table)
 * at some 1,250 entities with the server's default settings.
 */
function createSchema(dataSourceFile: string, dir: string, env: NodeJS.ProcessEnv, withTypeorm: boolean): SchemaSetup {
  if (withTypeorm) {
    const sync = `require("@retort/loader").loadModule(${JSON.stringify(dataSourceFile)}).then((m) => m.default.initialize()).then((ds) => ds.synchronize().then(() => ds.destroy()))`;
    mustSucceed(timedNode(["-e", sync], dir, env), "TypeORM synchronize");
    return { how: "synchronize" };
  }
  mkdirSync(join(dir, "migrations"), { recursive: true });
  const autogen = mustSucceed(timedNode([RETORT, "autogen", "-m", "initial", "--json"], dir, env), "retort autogen (initial)");
  const parts = (JSON.parse(autogen.stdout) as { parts?: unknown[] }).parts;
  const upgrade = mustSucceed(timedNode([RETORT, "upgrade", "head"], dir, env), "retort upgrade head (initial)");
  return { how: "autogen+upgrade", upgrade: { ...upgrade, revisions: parts?.length ?? 1 } };
}

/**
 * `retort check` and `retort autogen` end to end on a generated project whose database
 * is at head but for one added column, beside TypeORM's own `migration:generate`
 * (ts-node in transpile-only mode) on the same database.
 */
export async function benchEndToEnd(target: TestTarget, entities: number, options: { readonly typeormMax: number; readonly watch: boolean }): Promise<EndToEndFigure> {
  const db = await createTestDatabase(target);
  const dir = join(REPO, ".bench-tmp", `e2e-${target.name}-${entities}`);
  try {
    const type = DATA_SOURCE_TYPE[target.name];
    if (!type) throw new Error(`no end-to-end bench for ${target.name}`);
    const project = writeGeneratedProject(dir, type, db.url, entities);
    // Cache folders of this run's own: the first check below is a first run (cold), whatever ran before.
    const syncCache = { RETORT_CACHE_DIR: join(dir, ".sync-cache") };
    const cache = { RETORT_CACHE_DIR: join(dir, ".retort-cache") };
    for (const folder of [syncCache, cache]) mkdirSync(folder.RETORT_CACHE_DIR, { mode: 0o700 });
    const setup = createSchema(project.dataSourceFile, dir, syncCache, entities <= options.typeormMax);
    addOneColumn(project, type);
    const checkRun = () => {
      const run = mustSucceed(timedNode([RETORT, "check", "--json"], dir, cache), "retort check", [1]);
      return { ...run, operations: operationCount(run) };
    };
    const firstCheck = checkRun();
    // Nothing changed: the median of three (one run on a shared machine says little).
    const check = [checkRun(), checkRun(), checkRun()].sort((a, b) => a.ms - b.ms)[1]!;
    appendFileSync(join(dir, "entities", `${entityClass(Math.floor(entities / 2))}.ts`), "// edited\n");
    const edited = checkRun();
    const middle = Math.floor(entities / 2);
    const watch = options.watch
      ? await benchWatch(RETORT, dir, cache, () => addOneColumn(project, type, middle), () => restoreEntity(project, type, middle), entityClass(middle)).finally(() =>
          restoreEntity(project, type, middle),
        )
      : undefined;
    const autogen = mustSucceed(timedNode([RETORT, "autogen", "-m", "add extra", "--json"], dir, cache), "retort autogen");
    const typeorm =
      entities > options.typeormMax
        ? undefined
        : mustSucceed(
            timedNode(["-r", "ts-node/register/transpile-only", TYPEORM_CLI, "migration:generate", "-d", "data-source.ts", "--dryrun", "migrations/typeorm-bench"], dir, {
              TS_NODE_TRANSPILE_ONLY: "true",
            }),
            "typeorm migration:generate",
          );
    return {
      target: target.name,
      entities,
      firstCheck,
      check,
      edited,
      autogen: { ...autogen, operations: operationCount(autogen) },
      watch,
      setup,
      loadAverage: loadavg()[0]!,
      typeorm: typeorm && { ...typeorm, ...typeormStatements(typeorm.stdout) },
    };
  } finally {
    await db.drop();
    if (!process.env.RETORT_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}
