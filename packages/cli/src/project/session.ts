import type { Queryable } from "@retort/core";
import { connect, type ConnectOptions } from "@retort/dialects";
import { loadConfig, type ResolvedConfig } from "../config/load-config";
import type { GlobalOptions } from "../commands/command";
import { anchorSqliteUrl, chooseConnectionUrl } from "./connection-url";
import { modelSourceOf, sourceProject, type OpenedModelSource } from "./model-sources";
import { letStrayRejectionsSurface } from "./surface-rejections";

/** The options every programmatic entry point takes (the CLI's global flags). */
export interface ProjectOptions {
  /** Where to look for the config (default: process.cwd()). */
  readonly cwd?: string;
  /** An explicit config file. */
  readonly config?: string;
  /** Overrides DATABASE_URL, the config's url and the DataSource. */
  readonly url?: string;
  /** Compare entities declared for one engine with a database of another (`--allow-dialect-mismatch`). */
  readonly allowDialectMismatch?: boolean;
  /** Warnings about the project that are not errors (a DataSource with `synchronize: true`). */
  readonly onWarning?: (message: string) => void;
}

export function projectOptions(global: GlobalOptions): ProjectOptions {
  return { cwd: global.cwd, config: global.config, url: global.url, onWarning: global.onWarning };
}

export async function loadProjectConfig(options: ProjectOptions): Promise<ResolvedConfig> {
  const config = await loadConfig({ cwd: options.cwd ?? process.cwd(), explicitFile: options.config });
  await letStrayRejectionsSurface();
  return config;
}

/** The URL given without the model source (flag, env, config), in retort's spelling (a Prisma `file:` URL as `sqlite:`). */
export function explicitUrl(options: ProjectOptions, config: ResolvedConfig): string | undefined {
  const url = options.url || process.env.DATABASE_URL || config.url || undefined;
  const kind = modelSourceOf(config);
  return url && kind.explicitUrl ? kind.explicitUrl(url, sourceProject(config, { cwd: options.cwd, explicitUrl: undefined })) : url;
}

/** Where to connect: the URL, and what the model source passes to the driver beyond it (`ssl`). */
export interface DatabaseAddress {
  readonly url: string;
  readonly connect: ConnectOptions;
}

/** What says where the database is when no URL is given: the model source (a TypeORM DataSource, a Prisma datasource). */
export type ConnectionSource = Pick<OpenedModelSource, "connection">;

/** The connection by README.md's precedence (flag, env, config, model source), relative SQLite paths anchored at the project. */
export function databaseAddress(options: ProjectOptions, config: ResolvedConfig, source?: ConnectionSource): DatabaseAddress {
  const given = explicitUrl(options, config);
  const fromSource = given === undefined && source ? source.connection() : undefined;
  const url = chooseConnectionUrl({ flag: given, source: fromSource && (() => fromSource) });
  const ssl = fromSource?.ssl;
  return {
    url: anchorSqliteUrl(url, config.projectDir),
    connect: { projectDir: config.projectDir, ...(ssl !== undefined && ssl !== false ? { ssl } : {}) },
  };
}

/** The project's model source, opened as far as saying where its database is (a TypeORM DataSource module loads; no model is built). */
export async function openModelSource(options: ProjectOptions, config: ResolvedConfig): Promise<OpenedModelSource> {
  return await modelSourceOf(config).open(sourceProject(config, { cwd: options.cwd, explicitUrl: explicitUrl(options, config), onWarning: options.onWarning }));
}

/** Opens a connection, runs `body`, always closes. */
export async function withConnection<T>(address: DatabaseAddress, body: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(address.url, address.connect);
  try {
    return await body(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}
