import type { TestDatabase } from "@retort/testing";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceType, fixtureProject, type FixtureProject } from "../support/fixture-project";
import { fetchPackage } from "./corpus-cache";
import type { RealApp } from "./real-app";

const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';

/**
 * TypeORM's own work, in a child process as the app would do it: `synchronize`, or
 * `pending`, which prints the statements TypeORM's schema builder would still run
 * (`dataSource.driver.createSchemaBuilder().log()`'s up queries) as JSON.
 */
const TASKS = `import ds from "./src/data-source";

async function main(task: string): Promise<void> {
  await ds.initialize();
  try {
    if (task === "synchronize") await ds.synchronize();
    if (task === "pending") {
      const log = await ds.driver.createSchemaBuilder().log();
      process.stdout.write("PENDING " + JSON.stringify(log.upQueries.map((q) => q.query)) + "\\n");
    }
  } finally {
    await ds.destroy();
  }
}

main(process.env.REAL_APP_TASK ?? "").catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

/** Where TypeORM connects: `url` on a server, the file on SQLite. */
function typeormLocation(db: TestDatabase): { key: "url" | "database"; value: string } {
  return db.target.family === "sqlite" ? { key: "database", value: db.name } : { key: "url", value: db.url };
}

/** The DataSource the app would build on this engine; REAL_APP_DB points it at another database. */
function dataSourceModule(app: RealApp, db: TestDatabase): string {
  const where = typeormLocation(db);
  return `import "reflect-metadata";
import { DataSource } from "typeorm";
${Object.entries(app.environment?.[db.target.name] ?? {})
  .map(([name, value]) => `process.env[${JSON.stringify(name)}] = ${JSON.stringify(value)};\n`)
  .join("")}// eslint-disable-next-line @typescript-eslint/no-var-requires
const entities = require("./entities");

export default new DataSource({
  type: ${JSON.stringify(dataSourceType(db.target.name))},
  ${where.key}: process.env.REAL_APP_DB ?? ${JSON.stringify(where.value)},
  entities,
  ${app.dataSourceOptions?.[db.target.name] ?? ""}
});
`;
}

/** The package's files the app's entities need, under `app/`, plus the stubs. */
function appFiles(app: RealApp, engine: TestDatabase["target"]["name"]): Record<string, string> {
  const root = fetchPackage(app.npmPackage, app.version);
  const files: Record<string, string> = {};
  for (const path of app.copy) {
    const names = path.endsWith("/") ? readdirSync(join(root, path)).filter((f) => f.endsWith(".js")).map((f) => path + f) : [path];
    for (const name of names) files[`app/${name}`] = readFileSync(join(root, name), "utf8");
  }
  for (const [path, stub] of Object.entries(app.stubs)) files[`app/${path}`] = stub.content;
  for (const patch of (app.patches ?? []).filter((p) => !p.engines || p.engines.includes(engine))) {
    const text = files[`app/${patch.file}`];
    if (text === undefined || text.split(patch.find).length !== 2) {
      throw new Error(`${app.name}'s patch of ${patch.file} does not apply: its text must occur once (${app.npmPackage}@${app.version})`);
    }
    files[`app/${patch.file}`] = text.replace(patch.find, patch.replace);
  }
  return files;
}

/** A temp project loading the app's entities with the app's TypeORM, its DataSource on `db`. */
export function appProject(app: RealApp, db: TestDatabase): FixtureProject {
  return fixtureProject(
    {
      ...appFiles(app, db.target.name),
      "src/entities.js": app.entitiesModule,
      "src/data-source.ts": dataSourceModule(app, db),
      "retort.config.ts": CONFIG,
      "tasks.ts": TASKS,
    },
    { typeorm: app.typeorm },
  );
}

/** Runs a TypeORM task of the project through retort's loader (TypeScript with decorators), on `db`. */
export function runTypeorm(project: FixtureProject, task: "synchronize" | "pending", db: TestDatabase): string {
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(join(project.dir, "tasks.ts"))})`], {
    cwd: project.dir,
    env: { ...process.env, REAL_APP_TASK: task, REAL_APP_DB: typeormLocation(db).value },
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`TypeORM ${task} failed: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** The statements TypeORM's schema builder would still run on `db`. */
export function typeormPending(project: FixtureProject, db: TestDatabase): string[] {
  const line = runTypeorm(project, "pending", db)
    .split("\n")
    .find((l) => l.startsWith("PENDING "));
  if (!line) throw new Error("the pending task printed no PENDING line");
  return JSON.parse(line.slice("PENDING ".length)) as string[];
}
