import { RetortError } from "@retort/core";
import { EntityMetadataError } from "../errors";
import type { TypeormDataSource, TypeormEntityMetadata } from "../typeorm-shapes";
import { indexedMetadataArgs } from "./indexed-metadata-args";
import { resolveEntityList } from "./load-entity-files";
import { withLinearMetadataBuild } from "./linear-metadata-build";
import { typeormOf } from "./project-typeorm";

interface MetadataBuilding {
  buildMetadatas(): Promise<void>;
  readonly entityMetadatas: readonly TypeormEntityMetadata[];
}

/**
 * TypeORM's entity metadata for a DataSource, built without connecting and without
 * synchronize. DataSource's protected `buildMetadatas()` (the same in 0.3.20+ and 1.x)
 * runs on a shadow object whose prototype is the user's DataSource, so the user's
 * object is not changed, and with no migrations or subscribers (retort does not need
 * them and instantiating them may have side effects). Entity globs are loaded by
 * retort's swc hook rather than TypeORM's loader.
 */
export async function buildEntityMetadatas(
  dataSource: TypeormDataSource,
  source = "the DataSource",
): Promise<readonly TypeormEntityMetadata[]> {
  if (dataSource.isInitialized || dataSource.entityMetadatas.length > 0) return dataSource.entityMetadatas;
  const built = builtFor.get(dataSource);
  if (built) return built;
  const options = {
    ...dataSource.options,
    entities: await loadEntities(dataSource),
    migrations: [],
    subscribers: [],
  };
  const shadow = Object.create(dataSource, { options: { value: options, writable: true } }) as MetadataBuilding;
  // TypeORM reads its registry from this global (getMetadataArgsStorage) while it builds.
  const scope = globalThis as { typeormMetadataArgsStorage?: object };
  const registry = scope.typeormMetadataArgsStorage;
  if (registry) scope.typeormMetadataArgsStorage = indexedMetadataArgs(registry);
  try {
    const root = typeormRoot(dataSource);
    await (root === undefined ? shadow.buildMetadatas() : withLinearMetadataBuild(root, registeredTargets(registry), () => shadow.buildMetadatas()));
  } catch (e) {
    if (e instanceof RetortError) throw e;
    // A TypeError from TypeORM's own code (e.g. reading 'buildTableName' of a driver that a fork creates only at connect time).
    const driverMissing = /reading '(buildTableName|normalizeType|createFullType|escape|mappedDataTypes|supportedDataTypes)'/.test((e as Error)?.message ?? "");
    const internal = !(dataSource as { driver?: unknown }).driver || (e instanceof TypeError && driverMissing);
    throw new EntityMetadataError(source, (e as Error).message ?? String(e), { cause: e, internal });
  } finally {
    if (registry) scope.typeormMetadataArgsStorage = registry;
  }
  builtFor.set(dataSource, shadow.entityMetadatas);
  shadowOf.set(dataSource, shadow as unknown as TypeormDataSource);
  return shadow.entityMetadatas;
}

/** The metadata `buildEntityMetadatas` built for the DataSource, if it has. */
export function builtMetadatas(dataSource: TypeormDataSource): readonly TypeormEntityMetadata[] | undefined {
  if (dataSource.isInitialized || dataSource.entityMetadatas.length > 0) return dataSource.entityMetadatas;
  return builtFor.get(dataSource);
}

/** The classes of the decorator registry's tables. */
function registeredTargets(registry: object | undefined): unknown[] {
  const tables = (registry as { tables?: readonly { target?: unknown }[] } | undefined)?.tables;
  return Array.isArray(tables) ? tables.map((t) => t.target) : [];
}

/** The folder of the TypeORM that made the DataSource, if it is among the loaded modules. */
function typeormRoot(dataSource: TypeormDataSource): string | undefined {
  try {
    return typeormOf(dataSource).root;
  } catch {
    return undefined;
  }
}

/**
 * The DataSource that holds the built metadata (the shadow, or the user's own once
 * initialized): what a `@ViewEntity`'s query-builder `expression` is called with, as
 * TypeORM calls it with its connected DataSource. Call after buildEntityMetadatas.
 */
export function metadataDataSource(dataSource: TypeormDataSource): TypeormDataSource {
  return shadowOf.get(dataSource) ?? dataSource;
}

const shadowOf = new WeakMap<TypeormDataSource, TypeormDataSource>();

/**
 * Loads the DataSource's entity files (its globs), once: `buildEntityMetadatas` then
 * uses them. Started on its own, the loading can overlap the connection and the
 * introspection, which the metadata must wait for (the server version sizes uuid keys).
 */
export function loadEntities(dataSource: TypeormDataSource): Promise<unknown[]> {
  let loading = entitiesOf.get(dataSource);
  if (!loading) {
    loading = resolveEntityList(dataSource.options.entities, process.cwd());
    entitiesOf.set(dataSource, loading);
  }
  return loading;
}

const entitiesOf = new WeakMap<TypeormDataSource, Promise<unknown[]>>();

/** Metadata already built per DataSource: the model and the unmanaged objects share one build. */
const builtFor = new WeakMap<TypeormDataSource, readonly TypeormEntityMetadata[]>();
