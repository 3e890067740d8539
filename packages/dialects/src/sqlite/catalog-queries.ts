/**
 * The four catalog queries of a SQLite reflection. Each covers every table at once by
 * joining `sqlite_master` with the table-valued pragma functions
 * (https://www.sqlite.org/pragma.html#pragfunc), so their number never grows with the
 * number of tables.
 *
 * Internal tables (`sqlite_sequence`, `sqlite_stat*`, anything `sqlite_%`) and virtual
 * tables (their module may not be loaded; out of scope) are left out. Every pragma names
 * the `main` schema: without it a TEMP table of the same name would shadow the real one.
 * When the caller filters tables, the kept names go in as one JSON array parameter so
 * the pragmas never run for the others.
 */

const USER_TABLES = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.sql NOT LIKE 'CREATE VIRTUAL %'`;
const ONLY_LISTED = `AND m.name IN (SELECT value FROM json_each(?))`;

/** Tables and views, plus the CREATE INDEX text of every explicit index (autoindexes have none). */
export const MASTER_SQL = `SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m
WHERE (${USER_TABLES}) OR (m.type = 'index' AND m.sql IS NOT NULL) OR m.type = 'view'`;

export interface MasterRow {
  readonly type: "table" | "index" | "view";
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string;
}

function perTable(select: string, from: string, where: string, filtered: boolean): string {
  return `SELECT m.name AS table_name, ${select} FROM sqlite_master m ${from} WHERE ${USER_TABLES} ${where} ${filtered ? ONLY_LISTED : ""}`;
}

/** `hidden`: 0 normal, 2 VIRTUAL generated, 3 STORED generated (https://www.sqlite.org/pragma.html#pragma_table_xinfo). */
export const columnsSql = (filtered: boolean): string =>
  perTable(
    `p.cid, p.name, p.type, p."notnull" AS not_null, p.dflt_value, p.pk, p.hidden`,
    `JOIN pragma_table_xinfo(m.name, 'main') p`,
    "",
    filtered,
  );

export interface ColumnRow {
  readonly table_name: string;
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly not_null: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
}

/** Key parts of every index; `origin` is `c` (CREATE INDEX), `u` (UNIQUE) or `pk`. */
export const indexesSql = (filtered: boolean): string =>
  perTable(
    `il.name AS index_name, il."unique" AS is_unique, il.origin, il.partial, x.seqno, x.cid, x.name AS column_name, x."desc" AS descending`,
    `JOIN pragma_index_list(m.name, 'main') il JOIN pragma_index_xinfo(il.name, 'main') x`,
    `AND x.key = 1`,
    filtered,
  );

export interface IndexRow {
  readonly table_name: string;
  readonly index_name: string;
  readonly is_unique: number;
  readonly origin: "c" | "u" | "pk";
  readonly partial: number;
  readonly seqno: number;
  /** -2 for an expression part. */
  readonly cid: number;
  readonly column_name: string | null;
  readonly descending: number;
}

/**
 * One row per FK column. The parent's own column spelling comes from its
 * `pragma_table_info`: the referenced column as written may differ in case, and a FK
 * without a column list references the parent's primary key, in key order.
 */
export const foreignKeysSql = (filtered: boolean): string =>
  perTable(
    `f.id, f.seq, f."table" AS referenced_table, f."from" AS column_name, COALESCE(pc.name, f."to") AS referenced_column,
     f.on_update, f.on_delete`,
    `JOIN pragma_foreign_key_list(m.name, 'main') f
     LEFT JOIN pragma_table_info(f."table", 'main') pc
       ON CASE WHEN f."to" IS NULL THEN pc.pk = f.seq + 1 ELSE pc.name = f."to" COLLATE NOCASE END`,
    "",
    filtered,
  );

export interface ForeignKeyRow {
  readonly table_name: string;
  readonly id: number;
  readonly seq: number;
  readonly referenced_table: string;
  readonly column_name: string;
  /** `null` only when the parent table or its key is missing. */
  readonly referenced_column: string | null;
  readonly on_update: string;
  readonly on_delete: string;
}
