import { loadModule } from "@retort/loader";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { ConfigNotFoundError, InvalidConfigError } from "./config-errors";
import { findConfigFile } from "./find-config";
import { validateConfig } from "./validate-config";
import type { RetortConfig } from "./retort-config";

/** A config with its paths made absolute (relative to the config file's folder) and defaults filled. */
export interface ResolvedConfig extends Omit<RetortConfig, "dataSource" | "entities" | "migrations" | "prisma"> {
  readonly file: string;
  /** The config file's folder: the user's project. */
  readonly projectDir: string;
  readonly dataSource: string | undefined;
  readonly entities: readonly string[];
  /** The Prisma schema file or folder, when the model comes from Prisma. */
  readonly prisma: string | undefined;
  readonly migrations: string;
  readonly versionTable: string;
  readonly lockTimeout: number;
  readonly transactionPerMigration: boolean;
  readonly strictChecksums: boolean;
}

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

/** Finds (or takes `explicitFile`), loads, validates and resolves the config. */
export async function loadConfig(options: { cwd: string; explicitFile?: string }): Promise<ResolvedConfig> {
  const file = options.explicitFile ? resolve(options.cwd, options.explicitFile) : findConfigFile(options.cwd);
  if (!file) throw new ConfigNotFoundError(options.cwd);
  if (!existsSync(file)) throw new ConfigNotFoundError(options.cwd, file);
  const config = validateConfig(file, await readConfigFile(file));
  const projectDir = dirname(file);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(projectDir, p));
  const entities = config.entities === undefined ? [] : typeof config.entities === "string" ? [config.entities] : config.entities;
  if (!config.dataSource && entities.length === 0 && !config.prisma) {
    throw new InvalidConfigError(
      file,
      'it names no model source. Set "dataSource" to the module exporting your TypeORM DataSource, "entities" (globs) with "url", or "prisma" to your schema.prisma.',
    );
  }
  if (config.prisma && (config.dataSource || entities.length > 0)) {
    throw new InvalidConfigError(file, `it names two model sources: "prisma" and "${config.dataSource ? "dataSource" : "entities"}". Keep one.`);
  }
  return {
    ...config,
    file,
    projectDir,
    dataSource: config.dataSource ? abs(config.dataSource) : undefined,
    entities: entities.map(abs),
    prisma: config.prisma ? abs(config.prisma) : undefined,
    migrations: abs(config.migrations ?? "./migrations"),
    versionTable: config.versionTable ?? "retort_version",
    lockTimeout: config.lockTimeout ?? 60,
    transactionPerMigration: config.transactionPerMigration ?? true,
    strictChecksums: config.strictChecksums ?? false,
  };
}
