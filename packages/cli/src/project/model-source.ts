import { entitiesDataSource, loadDataSource, type TypeormDataSource } from "@retort/typeorm";
import type { ResolvedConfig } from "../config/load-config";

/** The user's TypeORM DataSource: their module, or one built from `entities` + a URL. */
export async function loadModelSource(config: ResolvedConfig, url: string | undefined): Promise<TypeormDataSource> {
  if (config.dataSource) return await loadDataSource(config.dataSource);
  return entitiesDataSource({ entities: config.entities, url: url ?? "", baseDir: config.projectDir });
}
