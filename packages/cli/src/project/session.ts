import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import type { TypeormDataSource } from "@retort/typeorm";
import { loadConfig, type ResolvedConfig } from "../config/load-config";
import type { GlobalOptions } from "../commands/command";
import { anchorSqliteUrl, chooseConnectionUrl, type DataSourceConnectionOptions } from "./connection-url";
import { loadModelSource } from "./model-source";

/** The options every programmatic entry point takes (the CLI's global flags). */
export interface ProjectOptions {
  /** Where to look for the config (default: process.cwd()). */
  readonly cwd?: string;
  /** An explicit config file. */
  readonly config?: string;
  /** Overrides DATABASE_URL, the config's url and the DataSource. */
  readonly url?: string;
}

export function projectOptions(global: GlobalOptions): ProjectOptions {
  return { cwd: global.cwd, config: global.config, url: global.url };
}

export async function loadProjectConfig(options: ProjectOptions): Promise<ResolvedConfig> {
  return loadConfig({ cwd: options.cwd ?? process.cwd(), explicitFile: options.config });
}

/** The URL given without the DataSource (flag, env, config), if any. */
export function explicitUrl(options: ProjectOptions, config: ResolvedConfig): string | undefined {
  return options.url || process.env.DATABASE_URL || config.url || undefined;
}

/** The connection URL by SPEC.md §1 precedence, relative SQLite paths anchored at the project. */
export function connectionUrl(options: ProjectOptions, config: ResolvedConfig, dataSource?: TypeormDataSource): string {
  const url = chooseConnectionUrl({
    flag: options.url,
    env: process.env.DATABASE_URL,
    config: config.url,
    dataSource: dataSource?.options as DataSourceConnectionOptions | undefined,
  });
  return anchorSqliteUrl(url, config.projectDir);
}

/** Loads the model source; the URL it needs for `entities` configs comes from flag/env/config. */
export async function loadDataSourceFor(options: ProjectOptions, config: ResolvedConfig): Promise<TypeormDataSource> {
  return loadModelSource(config, explicitUrl(options, config));
}

/** Opens a connection, runs `body`, always closes. */
export async function withConnection<T>(url: string, projectDir: string, body: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(url, { projectDir });
  try {
    return await body(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}
