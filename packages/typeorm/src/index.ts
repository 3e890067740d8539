export * from "./errors";
export { loadDataSource } from "./loading/load-data-source";
export { entitiesDataSource, type EntitiesDataSourceOptions } from "./loading/entities-data-source";
export { buildEntityMetadatas } from "./loading/build-entity-metadatas";
export { expandGlobs } from "./loading/expand-globs";
export { projectTypeorm, typeormOf, type ProjectTypeorm } from "./loading/project-typeorm";
export { buildTargetModel, convertEntityMetadatas, type BuildTargetModelOptions } from "./model/build-target-model";
export { rulesFor, targetDialect, type DialectFamily, type TargetDialect } from "./model/target-dialect";
export { isDataSource, type TypeormDataSource } from "./typeorm-shapes";
