import type { Queryable } from "@retort/core";

/**
 * The catalog queries, one per object kind for all selected schemas at once, so their
 * number never grows with the number of tables. Every column is aliased in lowercase:
 * MySQL 8 returns information_schema column names in upper case, MariaDB as written.
 * Rows come unordered (sorting happens per table, in memory).
 */

export interface SchemaRow {
  readonly current: string | null;
  readonly schema_name: string | null;
}

export interface TableRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly table_comment: string | null;
  readonly table_collation: string | null;
}

export interface ColumnRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly column_name: string;
  readonly ordinal_position: number | string;
  readonly column_type: string;
  readonly is_nullable: string;
  readonly column_default: string | null;
  readonly extra: string | null;
  readonly generation_expression: string | null;
  readonly collation_name: string | null;
  readonly column_comment: string | null;
}

export interface StatisticsRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly index_name: string;
  readonly non_unique: number | string;
  readonly seq_in_index: number | string;
  readonly column_name: string | null;
  readonly collation: string | null;
  readonly index_type: string;
  /** MySQL 8 functional key parts; always null on MariaDB, which has none. */
  readonly expression: string | null;
}

export interface ForeignKeyColumnRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly constraint_name: string;
  readonly column_name: string;
  readonly ordinal_position: number | string;
  readonly referenced_table_schema: string;
  readonly referenced_table_name: string;
  readonly referenced_column_name: string;
}

export interface ReferentialRuleRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly constraint_name: string;
  readonly update_rule: string;
  readonly delete_rule: string;
}

export interface CheckRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly constraint_name: string;
  readonly check_clause: string;
}

const SYSTEM_SCHEMAS = ["mysql", "information_schema", "performance_schema", "sys"];

/** The current database, and with `all` every other non-system database too. */
export function querySchemas(db: Queryable, all: boolean): Promise<SchemaRow[]> {
  if (!all) return db.query<SchemaRow>("SELECT DATABASE() AS current, NULL AS schema_name");
  return db.query<SchemaRow>(
    `SELECT DATABASE() AS current, SCHEMA_NAME AS schema_name FROM information_schema.SCHEMATA
     WHERE SCHEMA_NAME NOT IN (${SYSTEM_SCHEMAS.map(() => "?").join(", ")})`,
    SYSTEM_SCHEMAS,
  );
}

const inList = (schemas: readonly string[]) => schemas.map(() => "?").join(", ");

/** Tables, not views or sequences; MariaDB's system-versioned tables are tables too. */
export function queryTables(db: Queryable, schemas: readonly string[]): Promise<TableRow[]> {
  return db.query<TableRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, TABLE_COMMENT AS table_comment,
            TABLE_COLLATION AS table_collation
     FROM information_schema.TABLES
     WHERE TABLE_SCHEMA IN (${inList(schemas)}) AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`,
    schemas,
  );
}

export interface ViewRow {
  readonly table_schema: string;
  readonly table_name: string;
  readonly view_definition: string;
}

/** Views, with the SELECT as the server rewrote it (names fully qualified). */
export function queryViews(db: Queryable, schemas: readonly string[]): Promise<ViewRow[]> {
  return db.query<ViewRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, VIEW_DEFINITION AS view_definition
     FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (${inList(schemas)})`,
    schemas,
  );
}

export function queryColumns(db: Queryable, schemas: readonly string[]): Promise<ColumnRow[]> {
  return db.query<ColumnRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
            ORDINAL_POSITION AS ordinal_position, COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable,
            COLUMN_DEFAULT AS column_default, EXTRA AS extra, GENERATION_EXPRESSION AS generation_expression,
            COLLATION_NAME AS collation_name, COLUMN_COMMENT AS column_comment
     FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA IN (${inList(schemas)})`,
    schemas,
  );
}

export function queryStatistics(db: Queryable, schemas: readonly string[]): Promise<StatisticsRow[]> {
  // STATISTICS.EXPRESSION exists on MySQL 8.0.13+ only.
  const expression = db.dialect === "mysql" ? "EXPRESSION" : "NULL";
  return db.query<StatisticsRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, INDEX_NAME AS index_name,
            NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq_in_index, COLUMN_NAME AS column_name,
            COLLATION AS collation, INDEX_TYPE AS index_type, ${expression} AS expression
     FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA IN (${inList(schemas)})`,
    schemas,
  );
}

/**
 * Foreign-key columns from KEY_COLUMN_USAGE. Their ON DELETE/UPDATE rules come from
 * queryReferentialRules and are joined in memory: joining the two views in SQL took
 * 105 ms for 1000 FKs on MariaDB 10.11, against 10 + 13 ms for the two queries.
 */
export function queryForeignKeyColumns(db: Queryable, schemas: readonly string[]): Promise<ForeignKeyColumnRow[]> {
  return db.query<ForeignKeyColumnRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
            COLUMN_NAME AS column_name, ORDINAL_POSITION AS ordinal_position,
            REFERENCED_TABLE_SCHEMA AS referenced_table_schema, REFERENCED_TABLE_NAME AS referenced_table_name,
            REFERENCED_COLUMN_NAME AS referenced_column_name
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA IN (${inList(schemas)}) AND REFERENCED_TABLE_NAME IS NOT NULL`,
    schemas,
  );
}

export function queryReferentialRules(db: Queryable, schemas: readonly string[]): Promise<ReferentialRuleRow[]> {
  return db.query<ReferentialRuleRow>(
    `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
            UPDATE_RULE AS update_rule, DELETE_RULE AS delete_rule
     FROM information_schema.REFERENTIAL_CONSTRAINTS
     WHERE CONSTRAINT_SCHEMA IN (${inList(schemas)})`,
    schemas,
  );
}

/**
 * MariaDB's CHECK_CONSTRAINTS has TABLE_NAME (check names are unique per table there);
 * MySQL 8's has not, and names are unique per schema, so TABLE_CONSTRAINTS supplies it.
 */
export function queryChecks(db: Queryable, schemas: readonly string[]): Promise<CheckRow[]> {
  if (db.dialect === "mariadb") {
    return db.query<CheckRow>(
      `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
              CHECK_CLAUSE AS check_clause
       FROM information_schema.CHECK_CONSTRAINTS
       WHERE CONSTRAINT_SCHEMA IN (${inList(schemas)})`,
      schemas,
    );
  }
  return db.query<CheckRow>(
    `SELECT t.TABLE_SCHEMA AS table_schema, t.TABLE_NAME AS table_name, c.CONSTRAINT_NAME AS constraint_name,
            c.CHECK_CLAUSE AS check_clause
     FROM information_schema.CHECK_CONSTRAINTS c
     JOIN information_schema.TABLE_CONSTRAINTS t
       ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME
      AND t.CONSTRAINT_TYPE = 'CHECK'
     WHERE c.CONSTRAINT_SCHEMA IN (${inList(schemas)})`,
    schemas,
  );
}
