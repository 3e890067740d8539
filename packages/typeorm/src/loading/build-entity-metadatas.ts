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
  const entities = await loadEntities(dataSource);
  // TypeORM reads its registry from this global (getMetadataArgsStorage) while it builds.
  const registry = (globalThis as { typeormMetadataArgsStorage?: object }).typeormMetadataArgsStorage;
  const root = typeormRoot(dataSource);
  const shadow = await buildOnShadow(dataSource, entities, registry && indexedMetadataArgs(registry), source, (build) =>
    root === undefined ? build() : withLinearMetadataBuild(root, registeredTargets(registry), build),
  );
  adoptBuiltMetadatas(dataSource, shadow.entityMetadatas, shadow as unknown as TypeormDataSource);
  return shadow.entityMetadatas;
}

/**
 * The metadata of only `entities`, built from `registry` (a narrowed view of TypeORM's, see
 * subset-build-plan.ts) instead of the process's own; nothing is remembered for the DataSource.
 */
export async function buildSubsetMetadatas(dataSource: TypeormDataSource, entities: readonly unknown[], registry: object): Promise<readonly TypeormEntityMetadata[]> {
  return (await buildOnShadow(dataSource, entities, registry, "the DataSource", (build) => build())).entityMetadatas;
}

/** Says that `metadatas` are the DataSource's built metadata (`holder`: the DataSource a view's expression is called with). */
export function adoptBuiltMetadatas(dataSource: TypeormDataSource, metadatas: readonly TypeormEntityMetadata[], holder?: TypeormDataSource): void {
  builtFor.set(dataSource, metadatas);
  if (holder) shadowOf.set(dataSource, holder);
}

/**
 * DataSource's protected `buildMetadatas()` on a shadow of `dataSource` with `entities`,
 * no migrations and no subscribers, while TypeORM's global registry is `registry`.
 */
async function buildOnShadow(
  dataSource: TypeormDataSource,
  entities: readonly unknown[],
  registry: object | undefined,
  source: string,
  around: (build: () => Promise<void>) => Promise<void>,
): Promise<MetadataBuilding> {
  const options = { ...dataSource.options, entities, migrations: [], subscribers: [] };
  const shadow = Object.create(dataSource, { options: { value: options, writable: true } }) as MetadataBuilding;
  const scope = globalThis as { typeormMetadataArgsStorage?: object };
  const saved = scope.typeormMetadataArgsStorage;
  if (saved && registry) scope.typeormMetadataArgsStorage = registry;
  try {
    await around(() => shadow.buildMetadatas());
  } catch (e) {
    if (e instanceof RetortError) throw e;
    // A TypeError from TypeORM's own code (e.g. reading 'buildTableName' of a driver that a fork creates only at connect time).
    const driverMissing = /reading '(buildTableName|normalizeType|createFullType|escape|mappedDataTypes|supportedDataTypes)'/.test((e as Error)?.message ?? "");
    const internal = !(dataSource as { driver?: unknown }).driver || (e instanceof TypeError && driverMissing);
    throw new EntityMetadataError(source, (e as Error).message ?? String(e), { cause: e, internal });
  } finally {
    if (saved) scope.typeormMetadataArgsStorage = saved;
  }
  return shadow;
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
