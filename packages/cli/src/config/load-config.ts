import { loadModule } from "@retort/loader";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { ConfigNotFoundError, InvalidConfigError } from "./config-errors";
import { findConfigFile } from "./find-config";
import type { RetortConfig } from "./retort-config";

/** A config with its paths made absolute (relative to the config file's folder) and defaults filled. */
export interface ResolvedConfig extends Omit<RetortConfig, "dataSource" | "entities" | "migrations"> {
  readonly file: string;
  /** The config file's folder: the user's project. */
  readonly projectDir: string;
  readonly dataSource: string | undefined;
  readonly entities: readonly string[];
  readonly migrations: string;
  readonly versionTable: string;
  readonly lockTimeout: number;
  readonly transactionPerMigration: boolean;
}

const KNOWN_KEYS = new Set([
  "dataSource", "entities", "url", "migrations", "versionTable", "compareType", "compareServerDefault",
  "includeSchemas", "includeObject", "includeName", "renderAsBatch", "processRevisionDirectives", "rewriter",
  "transactionPerMigration", "lockTimeout", "postWrite",
]);

async function readConfigFile(file: string): Promise<unknown> {
  const ext = extname(file);
  if (ext === ".json") {
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new InvalidConfigError(file, `it is not valid JSON (${(e as Error).message}).`);
    }
  }
  const mod = await loadModule<{ default?: unknown }>(file);
  return mod.default ?? mod;
}

function validate(file: string, raw: unknown): RetortConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidConfigError(file, "it must export an object: `export default defineConfig({ dataSource: \"./src/data-source.ts\" })`.");
  }
  const unknown = Object.keys(raw).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) {
    throw new InvalidConfigError(file, `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}. Known keys: ${[...KNOWN_KEYS].join(", ")}.`);
  }
  const config = raw as RetortConfig;
  const stringKeys = ["dataSource", "url", "migrations", "versionTable"] as const;
  for (const key of stringKeys) {
    if (config[key] !== undefined && typeof config[key] !== "string") throw new InvalidConfigError(file, `"${key}" must be a string.`);
  }
  if (config.lockTimeout !== undefined && (typeof config.lockTimeout !== "number" || config.lockTimeout < 0)) {
    throw new InvalidConfigError(file, '"lockTimeout" must be a number of seconds (0 or more).');
  }
  return config;
}

/** Finds (or takes `explicitFile`), loads, validates and resolves the config. */
export async function loadConfig(options: { cwd: string; explicitFile?: string }): Promise<ResolvedConfig> {
  const file = options.explicitFile ? resolve(options.cwd, options.explicitFile) : findConfigFile(options.cwd);
  if (!file) throw new ConfigNotFoundError(options.cwd);
  if (!existsSync(file)) throw new ConfigNotFoundError(options.cwd, file);
  const config = validate(file, await readConfigFile(file));
  const projectDir = dirname(file);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(projectDir, p));
  const entities = config.entities === undefined ? [] : typeof config.entities === "string" ? [config.entities] : config.entities;
  if (!config.dataSource && entities.length === 0) {
    throw new InvalidConfigError(file, 'it names no model source. Set "dataSource" to the module exporting your TypeORM DataSource, or "entities" (globs) with "url".');
  }
  return {
    ...config,
    file,
    projectDir,
    dataSource: config.dataSource ? abs(config.dataSource) : undefined,
    entities: entities.map(abs),
    migrations: abs(config.migrations ?? "./migrations"),
    versionTable: config.versionTable ?? "retort_version",
    lockTimeout: config.lockTimeout ?? 60,
    transactionPerMigration: config.transactionPerMigration ?? true,
  };
}
