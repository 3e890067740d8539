import { entitiesDataSource, loadDataSource, type TypeormDataSource } from "@retort/typeorm";
import type { ResolvedConfig } from "../config/load-config";
import { NoConnectionUrlError } from "./connection-url";

/** The user's TypeORM DataSource: their module, or one built from `entities` + a URL. */
export async function loadModelSource(config: ResolvedConfig, url: string | undefined): Promise<TypeormDataSource> {
  if (config.dataSource) return await loadDataSource(config.dataSource);
  if (!url) throw new NoConnectionUrlError(`The config ${config.file} names entity files but no database, so retort cannot tell which engine they are for.`);
  return entitiesDataSource({ entities: config.entities, url, baseDir: config.projectDir });
}
