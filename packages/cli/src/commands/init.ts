import { RetortError, type DiscoveredSource } from "@retort/core";
import { DEFAULT_VERSION_TABLE } from "@retort/runtime";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/find-config";
import { retortTables } from "../project/bookkeeping-tables";
import { anchorSqliteUrl } from "../project/connection-url";
import { allModelSources } from "../project/model-sources";
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
  /** What the DataSource and its database hold already (only when a DataSource was found): `ExistingProject` in @retort/typeorm. */
  readonly existing?: unknown;
}

function configSource(entry: string): string {
  return `import { defineConfig } from "@retort/cli";

export default defineConfig({
${entry}
  migrations: "./migrations",
});
`;
}

/** The model source found in the project: each source is asked in the registry's order; the default one always answers. */
async function discoverSource(dir: string, url: string | undefined): Promise<DiscoveredSource> {
  const context = { url, retortTables: retortTables({ versionTable: DEFAULT_VERSION_TABLE }), anchorUrl: (u: string) => anchorSqliteUrl(u, dir) };
  for (const kind of allModelSources()) {
    const found = await kind.discover?.(dir, context);
    if (found) return found;
  }
  throw new Error("no model source answered retort init (the default one must)");
}

/** Writes retort.config.ts and an empty script directory; refuses to overwrite either. */
export async function init(options: { dir: string; url?: string }): Promise<InitResult> {
  return (await initProject(options)).result;
}

/** `init`, and what to tell the user about the model source found. */
async function initProject(options: { dir: string; url?: string }): Promise<{ result: InitResult; found: DiscoveredSource }> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const existingConfig = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
  if (existingConfig) throw new AlreadyInitializedError(existingConfig);
  const migrationsDir = join(dir, "migrations");
  if (existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0) throw new AlreadyInitializedError(`${migrationsDir} (not empty)`);
  const configFile = join(dir, "retort.config.ts");
  const found = await discoverSource(dir, options.url);
  writeFileSync(configFile, configSource(found.configEntry), { flag: "wx" });
  mkdirSync(migrationsDir, { recursive: true });
  return { result: { configFile, migrationsDir, dataSource: undefined, ...found.result }, found };
}

export const initCommand: Command = {
  name: "init",
  summary: "write retort.config.ts and an empty script directory",
  usage: "[dir]",
  options: {},
  async run(values, positionals, { global, out }) {
    const { result, found } = await initProject({ dir: resolve(global.cwd, positionals[0] ?? "."), url: global.url });
    if (out.options.json) {
      out.json(result);
      return 0;
    }
    const rel = (p: string) => relative(global.cwd, p) || ".";
    out.info(`${out.paint.green("created")} ${rel(result.configFile)}`);
    out.info(`${out.paint.green("created")} ${rel(result.migrationsDir)}/`);
    for (const line of found.lines) out.info(line);
    for (const line of found.details) out.detail(line);
    void values;
    return 0;
  },
};
