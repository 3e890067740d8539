import type { ExtensionModel } from "@retort/core";
import { compareText } from "@retort/core";
import type { TypeormDataSource, TypeormEntityMetadata } from "../typeorm-shapes";

/** What TypeORM's PostgreSQL driver reads of each entity to pick extensions (its checkMetadataForExtensions). */
interface ExtensionFacts {
  readonly columns: readonly { readonly type?: unknown; readonly generationStrategy?: string }[];
  readonly exclusions?: readonly unknown[];
}

const BY_COLUMN_TYPE: Readonly<Record<string, string>> = {
  citext: "citext",
  hstore: "hstore",
  cube: "cube",
  geometry: "postgis",
  geography: "postgis",
  ltree: "ltree",
  vector: "vector",
  halfvec: "vector",
};

/**
 * The extensions TypeORM's PostgreSQL driver creates when it connects (docs/schema-objects.md,
 * "Extensions"): its `uuidExtension` (default uuid-ossp) for a generated uuid, citext,
 * hstore, cube, postgis, ltree and vector for columns of those types, btree_gist for an
 * `@Exclusion`, and the DataSource's own `extensions` list. It looks at every entity,
 * views and `synchronize: false` ones included; `installExtensions: false` turns it off.
 */
export function requiredExtensions(dataSource: TypeormDataSource, metadatas: readonly TypeormEntityMetadata[]): ExtensionModel[] {
  const options = dataSource.options as { installExtensions?: boolean; uuidExtension?: string; extensions?: unknown };
  if (options.installExtensions === false) return [];
  const names = new Set<string>();
  for (const metadata of metadatas as readonly (TypeormEntityMetadata & ExtensionFacts)[]) {
    for (const column of metadata.columns) {
      if (column.generationStrategy === "uuid") names.add(options.uuidExtension ?? "uuid-ossp");
      const byType = typeof column.type === "string" ? BY_COLUMN_TYPE[column.type] : undefined;
      if (byType !== undefined) names.add(byType);
    }
    if ((metadata.exclusions?.length ?? 0) > 0) names.add("btree_gist");
  }
  if (Array.isArray(options.extensions)) for (const e of options.extensions) if (typeof e === "string") names.add(e);
  return [...names].sort(compareText).map((name) => ({ name }));
}
