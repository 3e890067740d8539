import type { Queryable } from "@retort/core";
import { relative } from "node:path";
import { connect, type ConnectOptions } from "@retort/dialects";
import type { TypeormDataSource } from "@retort/typeorm";
import { loadConfig, type ResolvedConfig } from "../config/load-config";
import type { GlobalOptions } from "../commands/command";
import { anchorSqliteUrl, chooseConnectionUrl, dataSourceConnectOptions, NoConnectionUrlError, type DataSourceConnectionOptions } from "./connection-url";
import { loadModelSource } from "./model-source";
import { prismaConnectionOptions, prismaUrlAsRetortUrl } from "./prisma-source";
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

/** The URL given without the DataSource (flag, env, config), if any; a Prisma `file:` URL as retort's `sqlite:`. */
export function explicitUrl(options: ProjectOptions, config: ResolvedConfig): string | undefined {
  const url = options.url || process.env.DATABASE_URL || config.url || undefined;
  return url && config.prisma ? prismaUrlAsRetortUrl(url, config.prisma) : url;
}

/** Where to connect: the URL, and what the DataSource passes to the driver beyond it (`ssl`). */
export interface DatabaseAddress {
  readonly url: string;
  readonly connect: ConnectOptions;
}

/** The connection by README.md's precedence (flag, env, config, DataSource), relative SQLite paths anchored at the project. */
export function databaseAddress(options: ProjectOptions, config: ResolvedConfig, dataSource?: ConnectionSource): DatabaseAddress {
  const fromDataSource = dataSource?.options as DataSourceConnectionOptions | undefined;
  const given = explicitUrl(options, config);
  const explicit = given !== undefined;
  if (!explicit && config.prisma && fromDataSource?.url === undefined && fromDataSource?.database === undefined) {
    throw new NoConnectionUrlError(`The Prisma schema ${relative(config.projectDir, config.prisma) || config.prisma} names no database: its datasource \`url\` is missing or its environment variable is unset.`);
  }
  const url = chooseConnectionUrl({ flag: given, dataSource: fromDataSource });
  return {
    url: anchorSqliteUrl(url, config.projectDir),
    connect: { projectDir: config.projectDir, ...(explicit ? {} : dataSourceConnectOptions(fromDataSource)) },
  };
}

/** What says where the database is when no URL is given: a TypeORM DataSource, or a Prisma schema's datasource. */
export interface ConnectionSource {
  readonly options: TypeormDataSource["options"] | DataSourceConnectionOptions;
}

/** The connection source without building any model: the Prisma datasource, or the loaded TypeORM DataSource. */
export async function loadConnectionSource(options: ProjectOptions, config: ResolvedConfig): Promise<ConnectionSource> {
  if (config.prisma) return { options: prismaConnectionOptions(config) };
  return await loadDataSourceFor(options, config);
}

/** Loads the model source; the URL it needs for `entities` configs comes from flag/env/config. */
export async function loadDataSourceFor(options: ProjectOptions, config: ResolvedConfig): Promise<TypeormDataSource> {
  const dataSource = await loadModelSource(config, explicitUrl(options, config));
  warnIfSynchronizing(options, config, dataSource.options);
  return dataSource;
}

/** A DataSource with `synchronize: true` fights the migrations: said as a warning. */
export function warnIfSynchronizing(options: ProjectOptions, config: ResolvedConfig, dataSourceOptions: TypeormDataSource["options"]): void {
  if ((dataSourceOptions as { synchronize?: unknown }).synchronize === true) {
    options.onWarning?.(
      `The DataSource in ${relative(options.cwd ?? process.cwd(), config.dataSource ?? config.file)} has \`synchronize: true\`: TypeORM then changes the schema itself each time the application starts, ` +
        "fighting with the migrations. Set `synchronize: false` once retort manages the schema.",
    );
  }
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
