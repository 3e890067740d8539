import { entitiesDataSource, loadDataSource, type TypeormDataSource } from "@retort/typeorm";
import type { ResolvedConfig } from "../config/load-config";

/** The user's TypeORM DataSource: their module, or one built from `entities` + a URL. */
export function loadModelSource(config: ResolvedConfig, url: string | undefined): TypeormDataSource {
  if (config.dataSource) return loadDataSource(config.dataSource);
  return entitiesDataSource({ entities: config.entities, url: url ?? "", baseDir: config.projectDir });
}
