import type { UnmanagedName, UnmanagedObjects } from "@retort/core";
import type { TypeormDataSource } from "../typeorm-shapes";
import { buildEntityMetadatas } from "../loading/build-entity-metadatas";
import type { BuildTargetModelOptions } from "./build-target-model";
import { defaultSchemaOf, modelSchema } from "./convert-table";
import { applyServerVersion } from "./server-version";
import { targetDialect } from "./target-dialect";

/**
 * Objects the entities name but TypeORM's synchronize never creates, changes or drops
 * (`synchronize: false` entities, views and indexes): not in the target model, and a
 * comparison must not offer to drop them either. The shape is the model-source port's.
 */
export async function unmanagedObjects(
  dataSource: TypeormDataSource,
  options: Pick<BuildTargetModelOptions, "defaultSchema" | "serverVersion" | "source"> = {},
): Promise<UnmanagedObjects> {
  // The metadata is built once per DataSource: with the version, as buildTargetModel builds it.
  if (options.serverVersion !== undefined) applyServerVersion(dataSource.driver, options.serverVersion);
  const metadatas = await buildEntityMetadatas(dataSource, options.source);
  const { family } = targetDialect(dataSource.driver.options.type);
  const ctx = { family, defaultSchema: options.defaultSchema ?? defaultSchemaOf(dataSource, family) };
  const named = (m: (typeof metadatas)[number]): UnmanagedName => ({ schema: modelSchema(m, ctx), name: m.tableName });
  const tables = metadatas.filter((m) => m.tableType !== "view" && m.tableType !== "entity-child");
  return {
    tables: tables.filter((m) => !m.synchronize).map(named),
    views: metadatas.filter((m) => m.tableType === "view" && !m.synchronize).map(named),
    indexes: tables
      .filter((m) => m.synchronize)
      .flatMap((m) => m.indices.filter((i) => !i.synchronize).map((i) => ({ schema: modelSchema(m, ctx), table: m.tableName, name: i.name }))),
  };
}
