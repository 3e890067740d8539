import { RetortError } from "@retort/core";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/find-config";
import { adoptionAdvice, inspectExistingProject, type ExistingProject } from "../project/existing-project";
import { findDataSourceFile } from "../project/find-data-source";
import { findPrismaSchema } from "../project/find-prisma-schema";
import type { Command } from "./command";

export class AlreadyInitializedError extends RetortError {
  constructor(readonly existing: string) {
    super("already_initialized", `${existing} already exists; retort init never overwrites. Edit it, or remove it and run init again.`);
  }
}

export interface InitResult {
  readonly configFile: string;
  readonly migrationsDir: string;
  /** The DataSource module found in the project, if any. */
  readonly dataSource: string | undefined;
  /** The Prisma schema found in the project (`prisma/schema.prisma`), if any: then it is the model source. */
  readonly prisma?: string;
  /** What the DataSource and its database hold already (only when a DataSource was found). */
  readonly existing?: ExistingProject;
}

function configSource(dataSource: string | undefined, prisma: string | undefined): string {
  const source = prisma
    ? `  // The Prisma schema (found by retort init); the database comes from DATABASE_URL.\n  prisma: "${prisma}",`
    : dataSource
    ? `  // The module exporting your TypeORM DataSource (found by retort init).\n  dataSource: "${dataSource}",`
    : `  // Point this at the module exporting your TypeORM DataSource,\n  // or use entities: ["./src/entities/*.ts"] with url: process.env.DATABASE_URL.\n  dataSource: "./src/data-source.ts",`;
  return `import { defineConfig } from "@retort/cli";

export default defineConfig({
${source}
  migrations: "./migrations",
});
`;
}

/** Writes retort.config.ts and an empty script directory; refuses to overwrite either. */
export async function init(options: { dir: string; url?: string }): Promise<InitResult> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const existingConfig = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
  if (existingConfig) throw new AlreadyInitializedError(existingConfig);
  const migrationsDir = join(dir, "migrations");
  if (existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0) throw new AlreadyInitializedError(`${migrationsDir} (not empty)`);
  const configFile = join(dir, "retort.config.ts");
  const prisma = findPrismaSchema(dir);
  if (prisma) {
    writeFileSync(configFile, configSource(undefined, prisma), { flag: "wx" });
    mkdirSync(migrationsDir, { recursive: true });
    return { configFile, migrationsDir, dataSource: undefined, prisma };
  }
  const dataSource = findDataSourceFile(dir);
  writeFileSync(configFile, configSource(dataSource, undefined), { flag: "wx" });
  mkdirSync(migrationsDir, { recursive: true });
  if (!dataSource) return { configFile, migrationsDir, dataSource };
  return { configFile, migrationsDir, dataSource, existing: await inspectExistingProject(join(dir, dataSource), dir, options.url) };
}

export const initCommand: Command = {
  name: "init",
  summary: "write retort.config.ts and an empty script directory",
  usage: "[dir]",
  options: {},
  async run(values, positionals, { global, out }) {
    const result = await init({ dir: resolve(global.cwd, positionals[0] ?? "."), url: global.url });
    if (out.options.json) {
      out.json(result);
      return 0;
    }
    const rel = (p: string) => relative(global.cwd, p) || ".";
    out.info(`${out.paint.green("created")} ${rel(result.configFile)}`);
    out.info(`${out.paint.green("created")} ${rel(result.migrationsDir)}/`);
    const advice = result.existing ? adoptionAdvice(result.existing) : [];
    if (result.prisma) {
      out.info(
        `Using the Prisma schema in ${result.prisma}. Next: retort autogen -m "initial schema" ` +
          "(or, for a database Prisma Migrate already built, retort baseline -m \"baseline\"; its _prisma_migrations table is left alone).",
      );
    } else if (advice.length > 0) {
      out.info(`Using the DataSource in ${result.dataSource}.`);
      for (const line of advice) out.info(line);
    } else {
      out.info(
        result.dataSource
          ? `Using the DataSource in ${result.dataSource}. Next: retort autogen -m "initial schema"`
          : "No DataSource found: set dataSource (or entities + url) in retort.config.ts.",
      );
    }
    if (result.existing?.skipped) out.detail(`Not inspected: ${result.existing.skipped}`);
    void values;
    return 0;
  },
};
