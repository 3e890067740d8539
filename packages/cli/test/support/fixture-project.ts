import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const REPO_NODE_MODULES = resolve(__dirname, "..", "..", "..", "..", "..", "node_modules");

export interface FixtureProject {
  readonly dir: string;
  write(relativePath: string, content: string): void;
  remove(): void;
}

/**
 * A throwaway user project in the temp folder whose node_modules is the repo's, so
 * `typeorm`, `reflect-metadata` and `@retort/cli` resolve as in a real install.
 */
export function fixtureProject(files: Readonly<Record<string, string>>, options: { typeorm?: "1" | "0.3" } = {}): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), "retort-project-"));
  if (options.typeorm === "0.3") linkNodeModulesWithTypeorm03(join(dir, "node_modules"));
  else symlinkSync(REPO_NODE_MODULES, join(dir, "node_modules"), "dir");
  const project: FixtureProject = {
    dir,
    write(relativePath, content) {
      const file = join(dir, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) project.write(path, content);
  return project;
}

/** The repo's packages, except that `typeorm` is TypeORM 0.3 (installed as `typeorm-0.3`). */
function linkNodeModulesWithTypeorm03(target: string): void {
  mkdirSync(target);
  for (const name of readdirSync(REPO_NODE_MODULES)) {
    if (name === "typeorm" || name === ".bin") continue;
    symlinkSync(join(REPO_NODE_MODULES, name), join(target, name));
  }
  symlinkSync(join(REPO_NODE_MODULES, "typeorm-0.3"), join(target, "typeorm"), "dir");
}

/** The TypeORM a test target's project uses: 0.3 for the sqlite3 driver, 1.x otherwise. */
export function typeormFor(targetName: string): "1" | "0.3" {
  return targetName === "sqlite3" ? "0.3" : "1";
}

/** TypeORM's DataSource type for a test target. */
export function dataSourceType(targetName: string): string {
  return { postgres: "postgres", mariadb: "mariadb", sqlite: "better-sqlite3", sqlite3: "sqlite" }[targetName] ?? targetName;
}

/** A data-source.ts for the entities in src/entities, pointing at `url` unless retort's --url is used. */
export function dataSourceModule(targetName: string, url: string): string {
  const type = dataSourceType(targetName);
  const where = url.startsWith("sqlite:") ? `database: ${JSON.stringify(url.replace(/^sqlite:/, "").replace(/\?.*$/, ""))}` : `url: ${JSON.stringify(url)}`;
  return `import "reflect-metadata";
import { DataSource } from "typeorm";
import { join } from "path";

export default new DataSource({
  type: ${JSON.stringify(type)},
  ${where},
  entities: [join(__dirname, "entities", "*.ts")],
});
`;
}

/** The text of the project's newest migration file (by modification time). */
export function latestMigration(project: FixtureProject): string {
  const dir = join(project.dir, "migrations");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
  return readFileSync(join(dir, files[files.length - 1]!.f), "utf8");
}

/**
 * A project whose DataSource is `src/data-source.ts` (its entities `src/entities/*.ts`,
 * given in `files`), its database built by TypeORM's own `synchronize` in a child
 * process, as a user's app would.
 */
export function synchronizedProject(targetName: string, url: string, files: Readonly<Record<string, string>>): FixtureProject {
  const project = fixtureProject(
    { ...files, "src/data-source.ts": dataSourceModule(targetName, url), "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n' },
    { typeorm: typeormFor(targetName) },
  );
  project.write("sync.ts", `import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n`);
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(join(project.dir, "sync.ts"))})`], { cwd: project.dir, encoding: "utf8" });
  if (run.status !== 0) {
    project.remove();
    throw new Error(`synchronize failed: ${run.stderr}`);
  }
  return project;
}
