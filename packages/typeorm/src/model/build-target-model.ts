import type { DialectName, DialectRules, EnumTypeModel, SchemaModel, TableModel } from "@retort/core";
import { compareText, sortModel } from "@retort/core";
import { buildEntityMetadatas, metadataDataSource } from "../loading/build-entity-metadatas";
import { typeormOf } from "../loading/project-typeorm";
import type { TypeormDataSource, TypeormEntityMetadata } from "../typeorm-shapes";
import type { ConversionContext } from "./conversion-context";
import { convertTable, defaultSchemaOf, type ConvertedTable } from "./convert-table";
import { convertView } from "./convert-view";
import { memoizedRules } from "./memoized-rules";
import { withPostgresIdentifiers, type TruncatedName } from "./postgres-identifiers";
import { assertNoPostgresNameCollisions } from "./postgres-name-collisions";
import { withoutUniquesFoldedIntoPrimaryKey } from "./primary-key-uniques";
import { requiredExtensions } from "./required-extensions";
import { applyServerVersion } from "./server-version";
import { rulesFor, targetDialect } from "./target-dialect";
import { mergeTwiceMappedTables } from "./twice-mapped-tables";

export interface BuildTargetModelOptions {
  /** The dialect's normalisation rules; by default `@retort/dialects`' rules of its family. */
  readonly rules?: DialectRules;
  /**
   * The connection's default schema (`public`, the MySQL database), as introspection
   * reports it: tables there get `schema: null`. Default: `public`, the DataSource's
   * database, `main`.
   */
  readonly defaultSchema?: string;
  /**
   * The server's version, as TypeORM's `afterConnect()` would read it: on MariaDB it
   * decides between native `uuid` (10.7+) and `varchar(36)`. Without it, what TypeORM
   * writes before it has connected.
   */
  readonly serverVersion?: string;
  /** Overrides the model's `dialect` (a `mysql` DataSource on a MariaDB server reports `mariadb`). */
  readonly dialect?: DialectName;
  /** Names the DataSource in error messages (its file). */
  readonly source?: string;
  /** Told of each name PostgreSQL will store cut to 63 bytes (autogen warns about them). */
  readonly onTruncatedName?: (name: TruncatedName) => void;
}

/** An entity's metadata and, when synchronize creates it as a table, that table converted. */
export interface ConvertedEntity {
  readonly metadata: TypeormEntityMetadata;
  readonly converted?: ConvertedTable;
}

/** A model and what it was assembled from: a later build may convert only some entities again (incremental-target-model.ts). */
export interface TargetBuild {
  readonly model: SchemaModel;
  readonly entities: readonly ConvertedEntity[];
  /** What the model depends on besides the entities. */
  readonly facts: Pick<BuildTargetModelOptions, "defaultSchema" | "serverVersion" | "dialect">;
}

/**
 * The schema TypeORM's synchronize would create for a DataSource, as a SchemaModel:
 * builds TypeORM's entity metadata without connecting, then converts each table TypeORM
 * would create with the rules it uses itself.
 */
export async function buildTargetModel(dataSource: TypeormDataSource, options: BuildTargetModelOptions = {}): Promise<SchemaModel> {
  return (await buildTarget(dataSource, options)).model;
}

/** buildTargetModel, keeping what the model was assembled from. */
export async function buildTarget(dataSource: TypeormDataSource, options: BuildTargetModelOptions = {}): Promise<TargetBuild> {
  // Before the metadata: TypeORM sizes join columns to uuid keys by the server's uuid support.
  if (options.serverVersion !== undefined) applyServerVersion(dataSource.driver, options.serverVersion);
  const metadatas = await buildEntityMetadatas(dataSource, options.source);
  const ctx = conversionContext(dataSource, options);
  const entities = convertEntities(dataSource, metadatas, ctx);
  return { model: assembleModel(dataSource, entities, ctx, options), entities, facts: factsOf(options) };
}

/** The model of already built metadata (see buildTargetModel). */
export function convertEntityMetadatas(
  dataSource: TypeormDataSource,
  metadatas: readonly TypeormEntityMetadata[],
  options: BuildTargetModelOptions = {},
): SchemaModel {
  const ctx = conversionContext(dataSource, options);
  return assembleModel(dataSource, convertEntities(dataSource, metadatas, ctx), ctx, options);
}

export function factsOf(options: BuildTargetModelOptions): TargetBuild["facts"] {
  return { defaultSchema: options.defaultSchema, serverVersion: options.serverVersion, dialect: options.dialect };
}

export function conversionContext(dataSource: TypeormDataSource, options: BuildTargetModelOptions): ConversionContext {
  const driver = dataSource.driver;
  if (options.serverVersion !== undefined) applyServerVersion(driver, options.serverVersion);
  const { family, dialect } = targetDialect(driver.options.type);
  return {
    family,
    dialect: options.dialect ?? dialect,
    rules: memoizedRules(options.rules ?? rulesFor(family)),
    driver,
    naming: dataSource.namingStrategy,
    defaultSchema: options.defaultSchema ?? defaultSchemaOf(dataSource, family),
  };
}

/** Each metadata with its table converted, when synchronize creates one. */
export function convertEntities(dataSource: TypeormDataSource, metadatas: readonly TypeormEntityMetadata[], ctx: ConversionContext): ConvertedEntity[] {
  const { Table, getMetadataArgsStorage } = typeormOf(dataSource);
  const declaredIndexColumns = new Set([...getMetadataArgsStorage().indices.map((a) => a.columns), ...entitySchemaIndexColumns(dataSource)]);
  return metadatas.map((metadata) =>
    isSynchronizedTable(metadata) ? { metadata, converted: convertTable(metadata, Table, ctx, declaredIndexNames(metadata, declaredIndexColumns)) } : { metadata },
  );
}

/** The model of converted entities, in their build order (which decides a shared enum's values). */
export function assembleModel(dataSource: TypeormDataSource, entities: readonly ConvertedEntity[], ctx: ConversionContext, options: BuildTargetModelOptions): SchemaModel {
  const converted: TableModel[] = [];
  const enums = new Map<string, EnumTypeModel>();
  for (const { converted: entry } of entities) {
    if (!entry) continue;
    converted.push(entry.table);
    // One type per name: TypeORM creates a shared enumName once, with the first table's values.
    for (const e of entry.enums) if (!enums.has(`${e.schema}.${e.name}`)) enums.set(`${e.schema}.${e.name}`, e);
  }
  const { family } = ctx;
  // One table per name, as synchronize leaves it (twice-mapped-tables.ts).
  const tables = mergeTwiceMappedTables(converted).map((t) => withoutUniquesFoldedIntoPrimaryKey(t, family));
  const schemas = new Set(tables.flatMap((t) => (t.schema === null ? [] : [t.schema])));
  const metadatas = entities.map((e) => e.metadata);
  const model: SchemaModel = {
    dialect: ctx.dialect,
    defaultSchema: ctx.defaultSchema,
    schemas: [...schemas].sort(compareText),
    tables,
    enums: [...enums.values()],
    // Views are never tables (isSynchronizedTable): each is one view object.
    views: metadatas.filter((m) => m.synchronize && m.tableType === "view").map((m) => convertView(m, metadataDataSource(dataSource), ctx)),
    ...(family === "postgres" ? { extensions: requiredExtensions(dataSource, metadatas) } : {}),
  };
  if (family !== "postgres") return sortModel(model);
  // The server cuts long names: compare what it will store (postgres-identifiers.ts).
  assertNoPostgresNameCollisions(model);
  return sortModel(withPostgresIdentifiers(model, options.onTruncatedName ?? (() => undefined)));
}

/**
 * Names of the table's indexes an @Index declared. On MySQL TypeORM turns @Unique,
 * `unique: true` and one-to-one keys into unique indexes too; those stay unique
 * constraints in the model (docs/reference.md §3: reported as add_unique). An index built from an
 * @Index keeps that decorator's `columns` array itself, which tells them apart.
 */
function declaredIndexNames(metadata: TypeormEntityMetadata, declaredColumns: ReadonlySet<unknown>): ReadonlySet<string> {
  return new Set(
    metadata.indices.filter((i) => i.givenColumnNames !== undefined && declaredColumns.has(i.givenColumnNames)).map((i) => i.name),
  );
}

/**
 * The `columns` arrays of EntitySchema `indices`: they are not in the decorator registry,
 * but TypeORM's EntitySchemaTransformer hands the same arrays to the index metadata.
 */
function entitySchemaIndexColumns(dataSource: TypeormDataSource): unknown[] {
  const entities = dataSource.options.entities;
  const list: unknown[] = Array.isArray(entities) ? entities : typeof entities === "object" && entities !== null ? Object.values(entities) : [];
  return list.flatMap((e) => {
    const indices = (e as { options?: { indices?: unknown } } | null)?.options?.indices;
    return Array.isArray(indices) ? indices.map((i: { columns?: unknown }) => i?.columns) : [];
  });
}

/** RdbmsSchemaBuilder.entityToSyncMetadatas: views, STI children and `synchronize: false` are not created. */
function isSynchronizedTable(m: TypeormEntityMetadata): boolean {
  return m.synchronize && m.tableType !== "entity-child" && m.tableType !== "view";
}
