import type { AutoIncrementKind, Deferrable, ReferentialAction } from "../model/schema-model";

/**
 * The `op` object a migration's `upgrade(op)` / `downgrade(op)` receives: the API that
 * generated files call and users write by hand. Portable: the same calls run on
 * PostgreSQL, MySQL/MariaDB and SQLite; each dialect renders its own DDL.
 *
 * Types are written as SQL-ish strings (`"varchar(255)"`, `"integer"`, `"numeric(10,2)"`,
 * `"text[]"`, `"timestamptz(3)"`), parsed by the dialect's rules; a dialect maps names it
 * lacks to its nearest equivalent (`boolean` → `tinyint(1)` on MySQL, `jsonb` → `json`).
 * Defaults are raw SQL expressions (`"'draft'"`, `"CURRENT_TIMESTAMP"`, `"0"`).
 */
export interface MigrationOperations {
  createTable(name: string, columns: readonly ColumnDefinition[], options?: CreateTableOptions): Promise<void>;
  dropTable(name: string, options?: SchemaOption): Promise<void>;
  renameTable(name: string, newName: string, options?: SchemaOption): Promise<void>;
  setTableComment(table: string, comment: string | null, options?: SchemaOption & { existingComment?: string | null }): Promise<void>;

  addColumn(table: string, column: ColumnDefinition, options?: SchemaOption): Promise<void>;
  dropColumn(table: string, column: string, options?: SchemaOption): Promise<void>;
  alterColumn(table: string, column: string, changes: AlterColumnChanges, options?: SchemaOption): Promise<void>;

  createIndex(name: string, table: string, parts: readonly IndexPartDefinition[], options?: CreateIndexOptions): Promise<void>;
  dropIndex(name: string, table: string, options?: SchemaOption & { concurrently?: boolean }): Promise<void>;

  createPrimaryKey(name: string | null, table: string, columns: readonly string[], options?: SchemaOption): Promise<void>;
  createUniqueConstraint(name: string | null, table: string, columns: readonly string[], options?: SchemaOption & { deferrable?: Deferrable }): Promise<void>;
  createForeignKey(name: string | null, table: string, foreignKey: ForeignKeyDefinition, options?: SchemaOption): Promise<void>;
  createCheckConstraint(name: string | null, table: string, expression: string, options?: SchemaOption): Promise<void>;
  /**
   * Drops a named constraint; `type` lets MySQL pick the right statement. `implicitIndex`
   * (a foreign key, MySQL/MariaDB): also drop the index InnoDB made for the key, if it is there.
   */
  dropConstraint(name: string, table: string, type: ConstraintType, options?: SchemaOption & { implicitIndex?: boolean }): Promise<void>;

  /**
   * PostgreSQL extensions (docs/schema-objects.md, "Extensions"). createExtension creates
   * it when missing and marks it as a migration's; dropExtension with
   * `onlyIfCreatedByRetort` (what autogen writes in downgrade) drops only such a one.
   * Refused on MySQL/MariaDB and SQLite.
   */
  createExtension(name: string): Promise<void>;

  /**
   * PostgreSQL exclusion constraints (docs/schema-objects.md, "Exclusion constraints"):
   * `expression` is the text after `EXCLUDE`, e.g. `USING gist ("room" WITH =)`.
   * dropExclusionConstraint takes the expression it had so the drop can be reversed.
   * Refused on MySQL/MariaDB and SQLite.
   */
  createExclusionConstraint(name: string, table: string, expression: string, options?: SchemaOption): Promise<void>;
  dropExclusionConstraint(name: string, table: string, options?: SchemaOption & { existingExpression?: string }): Promise<void>;
  dropExtension(name: string, options?: { onlyIfCreatedByRetort?: boolean }): Promise<void>;

  /** PostgreSQL enum types; no-ops elsewhere (MySQL enums are inline, SQLite has none). */
  createEnum(name: string, values: readonly string[], options?: SchemaOption): Promise<void>;
  dropEnum(name: string, options?: SchemaOption): Promise<void>;
  /** Moves an enum from `existingValues` to `values`: ADD VALUE when only appending, else a safe rebuild. */
  alterEnum(name: string, values: readonly string[], options: SchemaOption & { existingValues: readonly string[] }): Promise<void>;

  /**
   * Views. `definition` is the SELECT after `AS`. `materialized` and `indexes` are
   * PostgreSQL materialized views. dropView and replaceView take what the view was
   * (`existing…`) so the operation can be reversed; only the name is needed to run them.
   */
  createView(name: string, definition: string, options?: ViewOptions): Promise<void>;
  dropView(name: string, options?: ViewOptions & { existingDefinition?: string }): Promise<void>;
  replaceView(name: string, definition: string, options: ViewOptions & { existingDefinition: string; existingMaterialized?: boolean; existingIndexes?: readonly ViewIndexDefinition[] }): Promise<void>;
  refreshMaterializedView(name: string, options?: SchemaOption): Promise<void>;

  /**
   * Runs table changes SQLite cannot ALTER in place by move-and-copy (new table, copy
   * rows, drop, rename, recreate indexes), keeping rows and foreign keys. Elsewhere the
   * changes run as plain ALTERs (unless `recreate: "always"`).
   */
  batchAlterTable(table: string, body: (batch: BatchOperations) => void | Promise<void>, options?: BatchOptions): Promise<void>;

  /** Raw SQL on the migration's own connection and transaction. */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  bulkInsert(table: string, rows: readonly Readonly<Record<string, unknown>>[], options?: SchemaOption): Promise<void>;
  /** A query function on the migration's own connection and transaction, for data migrations. */
  getBind(): MigrationBind;
}

/** The table-scoped subset, recorded inside `batchAlterTable` and run as one rebuild. */
export interface BatchOperations {
  addColumn(column: ColumnDefinition): void;
  dropColumn(column: string): void;
  alterColumn(column: string, changes: AlterColumnChanges): void;
  createIndex(name: string, parts: readonly IndexPartDefinition[], options?: Omit<CreateIndexOptions, "schema" | "concurrently">): void;
  dropIndex(name: string): void;
  createPrimaryKey(name: string | null, columns: readonly string[]): void;
  createUniqueConstraint(name: string | null, columns: readonly string[]): void;
  createForeignKey(name: string | null, foreignKey: ForeignKeyDefinition): void;
  createCheckConstraint(name: string | null, expression: string): void;
  /**
   * `name: null` with `columns`: the unnamed foreign key on those columns (SQLite's, as
   * Prisma writes them), found in the live table; the batch recreates the table without it.
   */
  dropConstraint(name: string | null, type: ConstraintType, options?: { implicitIndex?: boolean; columns?: readonly string[] }): void;
}

export interface MigrationBind {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SchemaOption {
  /** Omit for the default schema. */
  readonly schema?: string;
}

export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
  /** Default `true`, as in SQL. */
  readonly nullable?: boolean;
  readonly default?: string | null;
  readonly autoIncrement?: AutoIncrementKind;
  /** Shorthand for a single-column primary key in createTable / addColumn. */
  readonly primaryKey?: boolean;
  readonly comment?: string | null;
  readonly collation?: string | null;
  readonly generated?: { readonly expression: string; readonly stored: boolean };
  /** MySQL/MariaDB `ON UPDATE` expression, e.g. `CURRENT_TIMESTAMP(6)`. */
  readonly onUpdate?: string | null;
  /** Values of an `enum` type (inline on MySQL, the named type's labels on PostgreSQL). */
  readonly enumValues?: readonly string[];
  /** PostgreSQL: the enum type's name (create it first with createEnum). */
  readonly enumName?: string;
}

export interface AlterColumnChanges {
  readonly type?: string;
  readonly nullable?: boolean;
  readonly default?: string | null;
  readonly comment?: string | null;
  readonly newName?: string;
  readonly autoIncrement?: AutoIncrementKind | null;
  /** MySQL/MariaDB `ON UPDATE` expression; `null` removes it. */
  readonly onUpdate?: string | null;
  /** The column's collation; `null` goes back to the table's (MySQL) or type's (PostgreSQL) default. */
  readonly collation?: string | null;
  /** PostgreSQL `USING` expression for a type change the server cannot cast implicitly. */
  readonly using?: string;
  /** Facts about the column before the change: MySQL's MODIFY restates the whole column. */
  readonly existingType?: string;
  readonly existingNullable?: boolean;
  readonly existingDefault?: string | null;
  readonly existingComment?: string | null;
  readonly existingAutoIncrement?: AutoIncrementKind | null;
  readonly existingOnUpdate?: string | null;
  readonly existingCollation?: string | null;
  readonly enumValues?: readonly string[];
  readonly enumName?: string;
}

/** A column name, or `{ expression }` for an expression part; `desc` for descending. */
export type IndexPartDefinition = string | { readonly column?: string; readonly expression?: string; readonly desc?: boolean };

export interface CreateIndexOptions extends SchemaOption {
  readonly unique?: boolean;
  /** Partial index predicate (PostgreSQL, SQLite). */
  readonly where?: string;
  /** PostgreSQL: build without locking writes; runs outside the migration's transaction. */
  readonly concurrently?: boolean;
  /** Access method when not the default (`gin`, `gist`, `hash`, `fulltext`). */
  readonly method?: string;
}

export interface ForeignKeyDefinition {
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly referencedSchema?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly deferrable?: Deferrable;
}

export type ConstraintType = "primaryKey" | "unique" | "foreignKey" | "check";

export interface CreateTableOptions extends SchemaOption {
  readonly comment?: string | null;
  readonly primaryKey?: { readonly name?: string | null; readonly columns: readonly string[] };
  readonly uniques?: readonly { readonly name?: string | null; readonly columns: readonly string[] }[];
  readonly foreignKeys?: readonly (ForeignKeyDefinition & { readonly name?: string | null })[];
  readonly checks?: readonly { readonly name?: string | null; readonly expression: string }[];
  /** PostgreSQL exclusion constraints: the text after `EXCLUDE` (docs/schema-objects.md). */
  readonly exclusions?: readonly { readonly name: string; readonly expression: string }[];
}

export interface ViewOptions extends SchemaOption {
  readonly materialized?: boolean;
  /** Indexes of a materialized view (PostgreSQL), created with it. */
  readonly indexes?: readonly ViewIndexDefinition[];
}

export interface ViewIndexDefinition {
  readonly name: string;
  readonly parts: readonly IndexPartDefinition[];
  readonly unique?: boolean;
  readonly where?: string;
  readonly method?: string;
}

export interface BatchOptions extends SchemaOption {
  /** `auto`: rebuild only when SQLite cannot ALTER; `always`: rebuild; `never`: plain ALTERs. */
  readonly recreate?: "auto" | "always" | "never";
}

/** What a migration module exports (docs/reference.md §4). */
export interface MigrationModule {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  readonly createdAt?: string;
  upgrade(op: MigrationOperations): Promise<void>;
  downgrade(op: MigrationOperations): Promise<void>;
}
