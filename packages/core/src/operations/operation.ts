import type {
  AutoIncrementKind,
  CheckConstraintModel,
  ExclusionConstraintModel,
  ColumnModel,
  ColumnType,
  EnumTypeModel,
  ExtensionModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
  ViewModel,
} from "../model/schema-model";

/**
 * Operations: what the comparator emits, what a migration's `op.*` calls build, what
 * codegen renders and the runtime turns into SQL. Frozen plain data with a string
 * `kind`; each carries the "before" its inverse needs (a drop carries the dropped
 * object, an alter carries `{ from, to }` and the existing column), so `reverse()` never
 * needs the database.
 */

/** Where an operation applies. `schema` is `null` for the default schema. */
export interface TableRef {
  readonly schema: string | null;
  readonly table: string;
}

export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

/** The attributes an alterColumn changes; absent ones stay as they are. */
export interface ColumnChanges {
  readonly type?: Change<ColumnType>;
  readonly nullable?: Change<boolean>;
  readonly default?: Change<string | null>;
  readonly comment?: Change<string | null>;
  readonly name?: Change<string>;
  readonly autoIncrement?: Change<AutoIncrementKind | null>;
  /** MySQL/MariaDB `ON UPDATE` expression. */
  readonly onUpdate?: Change<string | null>;
  /** The column's collation (`null`: the table's or type's default). */
  readonly collation?: Change<string | null>;
}

export interface CreateTableOp {
  readonly kind: "createTable";
  /** The whole table: columns, keys, indexes, constraints created with it. */
  readonly table: TableModel;
}
export interface DropTableOp {
  readonly kind: "dropTable";
  /** The dropped table as it was, so the drop can be reversed. */
  readonly table: TableModel;
}
export interface RenameTableOp extends TableRef {
  readonly kind: "renameTable";
  readonly newName: string;
}
export interface AlterTableCommentOp extends TableRef {
  readonly kind: "alterTableComment";
  readonly comment: Change<string | null>;
}
export interface AddColumnOp extends TableRef {
  readonly kind: "addColumn";
  readonly column: ColumnModel;
}
export interface DropColumnOp extends TableRef {
  readonly kind: "dropColumn";
  readonly column: ColumnModel;
}
export interface AlterColumnOp extends TableRef {
  readonly kind: "alterColumn";
  /** The column's current name (before a rename in `changes.name`). */
  readonly column: string;
  readonly changes: ColumnChanges;
  /** The column before the change: renderers that restate the whole definition (MySQL MODIFY) need it. */
  readonly existing: ColumnModel;
}
export interface CreateIndexOp extends TableRef {
  readonly kind: "createIndex";
  readonly index: IndexModel;
  /** PostgreSQL `CREATE INDEX CONCURRENTLY`, run outside the transaction. */
  readonly concurrently: boolean;
}
export interface DropIndexOp extends TableRef {
  readonly kind: "dropIndex";
  readonly index: IndexModel;
  readonly concurrently: boolean;
}
export interface CreateUniqueConstraintOp extends TableRef {
  readonly kind: "createUniqueConstraint";
  readonly unique: UniqueConstraintModel;
}
export interface CreateForeignKeyOp extends TableRef {
  readonly kind: "createForeignKey";
  readonly foreignKey: ForeignKeyModel;
}
export interface CreateCheckConstraintOp extends TableRef {
  readonly kind: "createCheckConstraint";
  readonly check: CheckConstraintModel;
}
export interface CreatePrimaryKeyOp extends TableRef {
  readonly kind: "createPrimaryKey";
  readonly primaryKey: PrimaryKeyModel;
}

/** A constraint as it was before `dropConstraint`, tagged with its type. */
export type DroppedConstraint =
  | { readonly type: "unique"; readonly unique: UniqueConstraintModel }
  | { readonly type: "foreignKey"; readonly foreignKey: ForeignKeyModel }
  | { readonly type: "check"; readonly check: CheckConstraintModel }
  | { readonly type: "primaryKey"; readonly primaryKey: PrimaryKeyModel };

export interface DropConstraintOp extends TableRef {
  readonly kind: "dropConstraint";
  readonly constraint: DroppedConstraint;
  /**
   * A foreign key: also drop the index the engine made for it, if it made one (InnoDB
   * does when no index serves the key, and keeps it after the key is gone). Set on the
   * inverse of createForeignKey, whose key made that index; only MySQL/MariaDB act on it.
   */
  readonly implicitIndex?: boolean;
}

export interface CreateEnumOp {
  readonly kind: "createEnum";
  readonly enumType: EnumTypeModel;
}
export interface DropEnumOp {
  readonly kind: "dropEnum";
  readonly enumType: EnumTypeModel;
}
export interface AlterEnumOp {
  readonly kind: "alterEnum";
  readonly schema: string | null;
  readonly name: string;
  /** The full value lists before and after; the renderer works out ADD VALUE or a rebuild. */
  readonly values: Change<readonly string[]>;
}

export interface CreateViewOp {
  readonly kind: "createView";
  /** The whole view: definition, materialized flag, a materialized view's indexes. */
  readonly view: ViewModel;
  /**
   * Put back unchanged after a change to a table it reads (the comparator dropped it
   * first): `check` then reports the table change alone. Never rendered.
   */
  readonly recreated?: boolean;
}
export interface DropViewOp {
  readonly kind: "dropView";
  /** The dropped view as it was, so the drop can be reversed. */
  readonly view: ViewModel;
  /** Dropped only to let a change to a table it reads run; created again after it (see CreateViewOp). */
  readonly recreated?: boolean;
}
/**
 * A view whose definition (or a materialized view's indexes) changes, same name.
 * Rendered as drop and create (PostgreSQL refuses `CREATE OR REPLACE VIEW` that drops
 * or renames a column; materialized views have no OR REPLACE), or `CREATE OR REPLACE` on MySQL.
 */
export interface ReplaceViewOp {
  readonly kind: "replaceView";
  readonly view: Change<ViewModel>;
}
/** PostgreSQL `REFRESH MATERIALIZED VIEW`: data only, so its inverse is itself. */
export interface RefreshMaterializedViewOp {
  readonly kind: "refreshMaterializedView";
  readonly schema: string | null;
  readonly name: string;
}

/**
 * PostgreSQL `CREATE EXTENSION` when it is not there yet, marking it as created by a
 * migration (docs/schema-objects.md, "Extensions"). Runs before the objects that use it.
 */
export interface CreateExtensionOp {
  readonly kind: "createExtension";
  readonly extension: ExtensionModel;
}
/**
 * PostgreSQL `DROP EXTENSION`. `onlyIfCreatedByRetort` (the inverse of createExtension):
 * dropped only when a migration's createExtension created it, else kept.
 */
export interface DropExtensionOp {
  readonly kind: "dropExtension";
  readonly extension: ExtensionModel;
  readonly onlyIfCreatedByRetort: boolean;
}

/**
 * PostgreSQL `ALTER TABLE … ADD CONSTRAINT … EXCLUDE …` (docs/schema-objects.md,
 * "Exclusion constraints"). Not a batch operation: SQLite has no exclusion constraints.
 */
export interface CreateExclusionConstraintOp extends TableRef {
  readonly kind: "createExclusionConstraint";
  readonly exclusion: ExclusionConstraintModel;
}
/** Drops an exclusion constraint; carries it whole so the drop can be reversed. */
export interface DropExclusionConstraintOp extends TableRef {
  readonly kind: "dropExclusionConstraint";
  readonly exclusion: ExclusionConstraintModel;
}

/** Table-scoped operations that may run inside a batch. */
export type TableOperation =
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp
  | AlterTableCommentOp;

/** SQLite move-and-copy: operations on one table, rebuilt as one step when needed. */
export interface BatchAlterTableOp extends TableRef {
  readonly kind: "batchAlterTable";
  readonly operations: readonly TableOperation[];
  readonly recreate: "auto" | "always" | "never";
}

/** Raw SQL in a migration. Not reversible: a hand-written downgrade must undo it. */
export interface ExecuteOp {
  readonly kind: "execute";
  readonly sql: string;
  readonly params: readonly unknown[];
}
export interface BulkInsertOp extends TableRef {
  readonly kind: "bulkInsert";
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export type Operation =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | TableOperation
  | CreateExtensionOp
  | DropExtensionOp
  | CreateExclusionConstraintOp
  | DropExclusionConstraintOp
  | CreateEnumOp
  | DropEnumOp
  | AlterEnumOp
  | CreateViewOp
  | DropViewOp
  | ReplaceViewOp
  | RefreshMaterializedViewOp
  | BatchAlterTableOp
  | ExecuteOp
  | BulkInsertOp;

export type OperationKind = Operation["kind"];

/** Narrows an Operation by kind: `OperationOf<"addColumn">`. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;
