import { NoConnectionUrlError, type SourceProject } from "@retort/core";
import { relative } from "node:path";
import { entitiesDataSource } from "../loading/entities-data-source";
import { loadDataSource } from "../loading/load-data-source";
import type { TypeormDataSource } from "../typeorm-shapes";
import { typeormKeys } from "./typeorm-config";

/** The user's TypeORM DataSource: their module, or one built from `entities` + a URL. */
export async function loadProjectDataSource(project: SourceProject): Promise<TypeormDataSource> {
  const { dataSource, entities } = typeormKeys(project);
  if (dataSource) return await loadDataSource(dataSource);
  const url = project.explicitUrl;
  if (!url) throw new NoConnectionUrlError(`The config ${project.configFile} names entity files but no database, so retort cannot tell which engine they are for.`);
  return entitiesDataSource({ entities, url, baseDir: project.projectDir });
}

/** A DataSource with `synchronize: true` fights the migrations: said as a warning. */
export function warnIfSynchronizing(project: SourceProject, dataSourceOptions: TypeormDataSource["options"]): void {
  if ((dataSourceOptions as { synchronize?: unknown }).synchronize === true) {
    project.onWarning?.(
      `The DataSource in ${relative(project.cwd, typeormKeys(project).dataSource ?? project.configFile)} has \`synchronize: true\`: TypeORM then changes the schema itself each time the application starts, ` +
        "fighting with the migrations. Set `synchronize: false` once retort manages the schema.",
    );
  }
}
