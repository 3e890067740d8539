/**
 * The parts of TypeORM's runtime objects retort reads, typed structurally so that one
 * build works with whichever TypeORM the user's project has (0.3.20+ or 1.x): their
 * classes differ in private details, not in these fields.
 */

export type Deferrable = "INITIALLY IMMEDIATE" | "INITIALLY DEFERRED";

/** `TableColumn` as `Table.create()` builds it: the exact input of TypeORM's CREATE TABLE. */
export interface TypeormTableColumn {
  readonly name: string;
  readonly type: string;
  readonly length: string;
  readonly precision?: number | null;
  readonly scale?: number | null;
  readonly unsigned?: boolean;
  /** TypeORM 0.3 only. */
  readonly zerofill?: boolean;
  readonly charset?: string;
  readonly collation?: string;
  readonly asExpression?: string;
  readonly generatedType?: "VIRTUAL" | "STORED";
  readonly default?: unknown;
  readonly comment?: string;
  /** MySQL/MariaDB `ON UPDATE` (`@UpdateDateColumn` sets CURRENT_TIMESTAMP(6)). */
  readonly onUpdate?: string;
  readonly isGenerated: boolean;
  readonly generationStrategy?: "uuid" | "increment" | "rowid" | "identity";
  readonly generatedIdentity?: "ALWAYS" | "BY DEFAULT";
  readonly isNullable: boolean;
  readonly isPrimary: boolean;
  readonly isUnique: boolean;
  readonly isArray: boolean;
  readonly enum?: readonly string[];
  readonly enumName?: string;
  readonly primaryKeyConstraintName?: string;
}

export interface TypeormTableIndex {
  readonly name?: string;
  readonly columnNames: readonly string[];
  readonly isUnique: boolean;
  readonly isSpatial: boolean;
  readonly isFulltext: boolean;
  readonly where?: string;
  readonly type?: string;
}

export interface TypeormTableUnique {
  readonly name?: string;
  readonly columnNames: readonly string[];
  readonly deferrable?: Deferrable;
}

export interface TypeormTableCheck {
  readonly name?: string;
  readonly expression?: string;
}

/** `@Exclusion` as TableExclusion (PostgreSQL only; docs/schema-objects.md). */
export interface TypeormTableExclusion {
  readonly name?: string;
  readonly expression?: string;
}

/** `Table` as `Table.create(entityMetadata, driver)` builds it. */
export interface TypeormTable {
  readonly name: string;
  readonly comment?: string;
  readonly withoutRowid?: boolean;
  readonly columns: readonly TypeormTableColumn[];
  readonly indices: readonly TypeormTableIndex[];
  readonly uniques: readonly TypeormTableUnique[];
  readonly checks: readonly TypeormTableCheck[];
  /** Absent in TypeORM versions without `@Exclusion`. */
  readonly exclusions?: readonly TypeormTableExclusion[];
}

export interface TypeormTableClass {
  create(metadata: TypeormEntityMetadata, driver: TypeormDriver): TypeormTable;
}

export interface TypeormForeignKeyMetadata {
  readonly name?: string;
  readonly columnNames: readonly string[];
  readonly referencedColumnNames: readonly string[];
  readonly referencedEntityMetadata: TypeormEntityMetadata;
  readonly onDelete?: string;
  readonly onUpdate?: string;
  readonly deferrable?: Deferrable;
}

export interface TypeormIndexMetadata {
  readonly name: string;
  readonly isUnique: boolean;
  readonly where?: string;
  readonly columns: readonly { readonly databaseName: string }[];
  /** `false` when TypeORM is to leave the index alone (`@Index({ synchronize: false })`). */
  readonly synchronize: boolean;
  /** The `columns` array of the @Index that declared it (the same object), when one did. */
  readonly givenColumnNames?: unknown;
}

/** TypeORM's decorator registry (`getMetadataArgsStorage()`), as far as retort reads it. */
export interface TypeormMetadataArgsStorage {
  readonly indices: readonly { readonly columns?: unknown }[];
}

export interface TypeormEntityMetadata {
  readonly name: string;
  readonly indices: readonly TypeormIndexMetadata[];
  readonly tableName: string;
  readonly schema?: string;
  /** MySQL: the database the table is in, when the entity names one. */
  readonly database?: string;
  readonly tableType: string;
  readonly synchronize: boolean;
  /** A `@ViewEntity`'s SELECT: SQL text, or a function building it with a query builder. */
  readonly expression?: string | ((dataSource: TypeormDataSource) => { getQuery(): string });
  readonly tableMetadataArgs: { readonly materialized?: boolean };
  readonly foreignKeys: readonly TypeormForeignKeyMetadata[];
  readonly columns: readonly { readonly databaseName: string; readonly default?: unknown }[];
}

export interface TypeormNamingStrategy {
  uniqueConstraintName(table: TypeormTable, columnNames: readonly string[]): string;
  indexName(table: TypeormTable, columnNames: readonly string[], where?: string): string;
  checkConstraintName(table: TypeormTable, expression: string): string;
  exclusionConstraintName(table: TypeormTable, expression: string): string;
  primaryKeyName(table: TypeormTable, columnNames: readonly string[]): string;
  foreignKeyName(table: TypeormTable, columnNames: readonly string[], referencedTablePath?: string, referencedColumnNames?: readonly string[]): string;
}

export interface TypeormDriver {
  readonly options: { readonly type: string; readonly schema?: string; readonly database?: string; readonly uuidExtension?: string };
  /** MySQL/MariaDB and PostgreSQL: the server version, set by `afterConnect()`. */
  version?: string;
  /** MariaDB 10.7+: set by `afterConnect()`. */
  uuidColumnTypeSuported?: boolean;
  /** PostgreSQL: the function TypeORM writes as a generated uuid's default. */
  readonly uuidGenerator?: string;
  createFullType(column: TypeormTableColumn): string;
}

export interface TypeormDataSourceOptions {
  readonly type: string;
  readonly entities?: unknown;
  readonly migrations?: unknown;
  readonly subscribers?: unknown;
  readonly [key: string]: unknown;
}

/** A TypeORM `DataSource` (or 0.3's `Connection`), from the user's own TypeORM. */
export interface TypeormDataSource {
  readonly "@instanceof": symbol;
  readonly options: TypeormDataSourceOptions;
  readonly driver: TypeormDriver;
  readonly namingStrategy: TypeormNamingStrategy;
  readonly entityMetadatas: readonly TypeormEntityMetadata[];
  readonly isInitialized?: boolean;
}

export const DATA_SOURCE_MARK = Symbol.for("DataSource");

/** TypeORM marks its instances with `@instanceof` (its InstanceChecker), whichever copy made them. */
export function isDataSource(value: unknown): value is TypeormDataSource {
  return typeof value === "object" && value !== null && (value as { "@instanceof"?: unknown })["@instanceof"] === DATA_SOURCE_MARK;
}
