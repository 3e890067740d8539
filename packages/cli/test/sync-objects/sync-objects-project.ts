import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, latestMigration, typeormFor, type FixtureProject } from "../support/fixture-project";

export { latestMigration };
import { runRetort, type RetortRun } from "../support/run-retort";

/** Helpers of the issue 11 object tests (twice-mapped tables, primary-key uniques, extensions, hand-made objects). */

export const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';

/** A config with an `includeObject` body: `(object, name, type, reflected, compareTo) => …`. */
export const configWith = (includeObject: string) =>
  `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts", includeObject: ${includeObject} });\n`;

/** A project of the given entity files (under src/entities) for a test target. */
export function objectsProject(target: string, url: string, entities: Readonly<Record<string, string>>, dataSourceExtra = ""): FixtureProject {
  const dataSource = dataSourceExtra === "" ? dataSourceModule(target, url) : dataSourceModule(target, url).replace("entities: [", `${dataSourceExtra}\n  entities: [`);
  return fixtureProject(
    {
      ...Object.fromEntries(Object.entries(entities).map(([file, text]) => [`src/entities/${file}`, text])),
      "src/data-source.ts": dataSource,
      "retort.config.ts": CONFIG,
    },
    { typeorm: typeormFor(target) },
  );
}

export function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

/** `retort <args>` in the project, which must exit 0. */
export function retortOk(project: FixtureProject, args: readonly string[]): RetortRun {
  const run = runRetort(args, project.dir);
  expectExit(run, 0, `retort ${args.join(" ")}`);
  return run;
}

/** TypeORM's own synchronize() on the project's DataSource, in a child process as the application would run it. */
export function synchronize(project: FixtureProject): void {
  project.write(
    "sync.ts",
    `import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const sync = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(join(project.dir, "sync.ts"))})`], {
    cwd: project.dir,
    encoding: "utf8",
  });
  expect(sync.status, sync.stderr).to.equal(0);
}

/** `check --json`'s differences as `kind name-or-table.column`, sorted. */
export function diffKinds(project: FixtureProject): string[] {
  const run = runRetort(["check", "--json"], project.dir);
  const doc = JSON.parse(run.stdout) as { operations: { kind: string; table: string | null; column: string | null; name: string | null }[] };
  return doc.operations.map((o) => `${o.kind} ${o.name ?? (o.column === null ? o.table : `${o.table}.${o.column}`)}`).sort();
}


/** Deletes the newest migration file (after downgrading past it), so the database is at head again. */
export function forgetLatestMigration(project: FixtureProject): void {
  const dir = join(project.dir, "migrations");
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at)[0]!;
  rmSync(join(dir, newest.f));
}

export async function runSql<Row = Record<string, unknown>>(url: string, sql: string): Promise<Row[]> {
  const db = await connect(url);
  try {
    return await db.query<Row>(sql);
  } finally {
    await db.close();
  }
}

export async function reflected(url: string, options: { extensions?: "all" } = {}): Promise<SchemaModel> {
  const db = await connect(url);
  try {
    return await introspect(db, options);
  } finally {
    await db.close();
  }
}
