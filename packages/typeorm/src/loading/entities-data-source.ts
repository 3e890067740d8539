import { MissingDriverError } from "@retort/core";
import { parseConnectionUrl } from "@retort/dialects";
import { resolve } from "node:path";
import type { TypeormDataSource, TypeormDataSourceOptions } from "../typeorm-shapes";
import { loadEntityFiles } from "./load-entity-files";
import { projectTypeorm, type ProjectTypeorm } from "./project-typeorm";

export interface EntitiesDataSourceOptions {
  /** Globs of entity files, relative to `baseDir`. */
  readonly entities: readonly string[];
  /** Connection URL (SPEC.md §1); its scheme picks the DataSource type unless `type` is given. */
  readonly url: string;
  /** TypeORM DataSource type: `postgres`, `mysql`, `mariadb`, `better-sqlite3`, `sqlite`. */
  readonly type?: string;
  /** The folder globs are relative to and `typeorm` is resolved from (the config file's folder). */
  readonly baseDir?: string;
}

/**
 * A DataSource for configs that name entity globs and a URL instead of a DataSource
 * module. It is made with the project's own TypeORM and never connects.
 */
export async function entitiesDataSource(options: EntitiesDataSourceOptions): Promise<TypeormDataSource> {
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const typeorm = projectTypeorm(baseDir);
  const entities = await loadEntityFiles(options.entities, baseDir);
  const dataSourceOptions = { ...connectionOptions(options.url, options.type, typeorm), entities };
  try {
    return new typeorm.DataSource(dataSourceOptions);
  } catch (e) {
    const missing = /npm install ([\w@/.-]+)/.exec((e as Error).message ?? "");
    if ((e as Error).name === "DriverPackageNotInstalledError" && missing) {
      throw new MissingDriverError([missing[1]], dataSourceOptions.type);
    }
    throw e;
  }
}

function connectionOptions(url: string, type: string | undefined, typeorm: ProjectTypeorm): TypeormDataSourceOptions {
  const target = parseConnectionUrl(url);
  if (target.family !== "sqlite") {
    return { type: type ?? (/^mariadb:/i.test(url) ? "mariadb" : target.family), url };
  }
  // TypeORM 1.x has only `better-sqlite3`; 0.3's `sqlite` type drives the sqlite3 package.
  const sqliteType = typeorm.version.startsWith("0.") && target.driver !== "better-sqlite3" ? "sqlite" : "better-sqlite3";
  return { type: type ?? sqliteType, database: target.file };
}
