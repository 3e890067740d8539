import type { Queryable, SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { versionTableNames } from "@retort/runtime";
import type { TargetContext } from "@retort/testing";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "../support/fixture-project";
import { runRetort, type RetortRun } from "../support/run-retort";

const bookkeeping = new Set<string>(versionTableNames());

/**
 * A user project on one test database, driven through the real `retort` binary, with a
 * connection of its own to insert rows and read the schema back (issue 10's data-safety
 * scenarios: what the user ran, and what the rows and catalog say afterwards).
 */
export class DataSafetyProject {
  private connection: Queryable | null = null;

  private constructor(
    readonly ctx: TargetContext,
    private readonly project: FixtureProject,
  ) {}

  static create(ctx: TargetContext, entities: Readonly<Record<string, string>>): DataSafetyProject {
    const files: Record<string, string> = {
      "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
      "retort.config.ts": 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n',
    };
    for (const [name, source] of Object.entries(entities)) files[`src/entities/${name}`] = source;
    return new DataSafetyProject(ctx, fixtureProject(files, { typeorm: typeormFor(ctx.target.name) }));
  }

  get family(): TargetContext["target"]["family"] {
    return this.ctx.target.family;
  }

  entity(name: string, source: string): void {
    this.project.write(`src/entities/${name}`, source);
  }

  retort(...args: string[]): RetortRun {
    return runRetort(args, this.project.dir);
  }

  /** TypeORM's own synchronize, run in a child process as the user's app would. */
  synchronize(): void {
    this.project.write(
      "sync.ts",
      'import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n',
    );
    const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(join(this.project.dir, "sync.ts"))})`], {
      cwd: this.project.dir,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`synchronize failed: ${run.stderr}`);
  }

  /** The newest migration file's text. */
  lastMigration(): string {
    const file = this.lastMigrationFile();
    return file === null ? "" : readFileSync(file, "utf8");
  }

  /** Deletes the newest migration file (after downgrading past it, as a user backing out). */
  removeLastMigration(): void {
    const file = this.lastMigrationFile();
    if (file !== null) rmSync(file);
  }

  private lastMigrationFile(): string | null {
    const dir = join(this.project.dir, "migrations");
    if (!existsSync(dir)) return null;
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    return files.length === 0 ? null : join(dir, latestByCreatedAt(dir, files));
  }

  async db(): Promise<Queryable> {
    this.connection ??= await connect(this.ctx.db.url);
    return this.connection;
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return (await this.db()).query<T>(sql);
  }

  /** The schema without retort's own version tables. */
  async reflect(): Promise<SchemaModel> {
    return introspect(await this.db(), {
      includeName: (name, type, parents) => !(type === "table" && parents.schemaName === null && name !== null && bookkeeping.has(name)),
    });
  }

  /** An identifier quoted for this engine. */
  ident(name: string): string {
    return this.family === "mysql" ? `\`${name}\`` : `"${name}"`;
  }

  async close(): Promise<void> {
    await this.connection?.close();
    this.project.remove();
  }
}

/** Files are named by date and a random id: the newest is the one created last. */
function latestByCreatedAt(dir: string, files: readonly string[]): string {
  const stamp = (f: string) => /createdAt = "([^"]+)"/.exec(readFileSync(join(dir, f), "utf8"))?.[1] ?? "";
  return [...files].sort((a, b) => stamp(a).localeCompare(stamp(b))).at(-1)!;
}
