import type { SourceProject } from "@retort/core";

/** The config keys of a TypeORM project (docs/reference.md §1): `dataSource` (a module path, made absolute) or `entities` (globs). */
export interface TypeormKeys {
  readonly dataSource: string | undefined;
  readonly entities: readonly string[];
}

export function typeormKeys(project: SourceProject): TypeormKeys {
  const { dataSource, entities } = project.config as { dataSource?: string; entities?: readonly string[] };
  return { dataSource: dataSource || undefined, entities: entities ?? [] };
}
