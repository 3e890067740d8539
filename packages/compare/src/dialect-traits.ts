import type { AutoIncrementKind, DialectName, ReferentialAction } from "@retort/core";

/**
 * How dialects differ in what counts as "the same schema". Data, not code: the
 * comparator reads these tables and stays dialect-neutral.
 */
export interface DialectTraits {
  /** SQLite keeps no comments; TypeORM ignores entity comments there. */
  readonly comments: boolean;
  /** PostgreSQL enum types (`CREATE TYPE ... AS ENUM`). */
  readonly enumTypes: boolean;
  /**
   * MySQL/MariaDB have no unique constraint distinct from a unique index
   * (https://dev.mysql.com/doc/refman/8.0/en/create-table.html#create-table-indexes-keys):
   * a model's `@Unique` and a reflected unique index on the same columns are one object.
   */
  readonly uniqueIsIndex: boolean;
  /**
   * MySQL creates an index named after a foreign key when none covers its columns
   * (https://dev.mysql.com/doc/refman/8.0/en/constraint-foreign-key.html); it is not the model's.
   */
  readonly implicitForeignKeyIndex: boolean;
  /**
   * MySQL refuses to change the type of a column a foreign key uses, on either side
   * ("Cannot change column ... used in a foreign key constraint"): such keys are dropped
   * before the change and created again after.
   */
  readonly foreignKeyColumnsLocked: boolean;
  /**
   * The engine keeps foreign-key names (PostgreSQL, MySQL/MariaDB). SQLite reports none,
   * so there a key's name is never a difference (docs/reference.md §3).
   */
  readonly foreignKeyNames: boolean;
  /** Referential actions the engine treats alike (InnoDB: NO ACTION is RESTRICT). */
  readonly actionSynonyms: Readonly<Partial<Record<ReferentialAction, ReferentialAction>>>;
  /**
   * Auto-increment kinds that mean the same on this engine. SQLite makes any single
   * `INTEGER PRIMARY KEY` a rowid alias (https://www.sqlite.org/lang_createtable.html#rowid),
   * declared or not, so `rowid` and "none" are one thing there.
   */
  readonly autoIncrementSynonyms: Readonly<Partial<Record<AutoIncrementKind, AutoIncrementKind | null>>>;
  /**
   * Type parameters the engine fills in when the DDL leaves them out, so `null` on one
   * side and this value on the other are equal: by canonical type name.
   */
  readonly implicitTypeParams: Readonly<Record<string, { precision?: number; scale?: number; length?: number }>>;
  /**
   * MySQL reports a column's collation only when it differs from the table's (the
   * reflected table's `defaultCollation`), so the comparator resolves `null` against it.
   */
  readonly collationRelativeToTable: boolean;
}

const MYSQL: DialectTraits = {
  comments: true,
  enumTypes: false,
  uniqueIsIndex: true,
  implicitForeignKeyIndex: true,
  foreignKeyColumnsLocked: true,
  foreignKeyNames: true,
  actionSynonyms: { "NO ACTION": "RESTRICT" },
  autoIncrementSynonyms: {},
  collationRelativeToTable: true,
  // https://dev.mysql.com/doc/refman/8.0/en/fixed-point-types.html and fractional seconds default 0.
  implicitTypeParams: {
    decimal: { precision: 10, scale: 0 },
    numeric: { precision: 10, scale: 0 },
    datetime: { precision: 0 },
    timestamp: { precision: 0 },
    time: { precision: 0 },
    char: { length: 1 },
    binary: { length: 1 },
    bit: { length: 1 },
  },
};

export const DIALECT_TRAITS: Readonly<Record<DialectName, DialectTraits>> = {
  postgres: {
    comments: true,
    enumTypes: true,
    uniqueIsIndex: false,
    implicitForeignKeyIndex: false,
    foreignKeyColumnsLocked: false,
    foreignKeyNames: true,
    actionSynonyms: {},
    autoIncrementSynonyms: {},
    collationRelativeToTable: false,
    // https://www.postgresql.org/docs/current/datatype-datetime.html: 6 digits unless given.
    implicitTypeParams: {
      timestamp: { precision: 6 },
      timestamptz: { precision: 6 },
      time: { precision: 6 },
      timetz: { precision: 6 },
      interval: { precision: 6 },
      char: { length: 1 },
      bit: { length: 1 },
    },
  },
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite: {
    comments: false,
    enumTypes: false,
    uniqueIsIndex: false,
    implicitForeignKeyIndex: false,
    foreignKeyColumnsLocked: false,
    foreignKeyNames: false,
    actionSynonyms: {},
    autoIncrementSynonyms: { rowid: null },
    collationRelativeToTable: false,
    implicitTypeParams: {},
  },
};
