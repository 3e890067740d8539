/**
 * The catalog queries of PostgreSQL introspection: one per object kind, each covering
 * every selected schema or table at once, so their number never grows with the schema.
 * They read pg_catalog directly (information_schema's views are much slower on PG).
 * https://www.postgresql.org/docs/15/catalogs.html
 */

const SYSTEM_SCHEMA_FILTER = `n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/**
 * The later queries take the table oids as one array literal written into the statement
 * (oids are numbers the server gave): parameterless, they can go to the server together
 * (`Queryable.catalogRows`).
 */
export const withOids = (sql: string, oids: readonly number[]): string => sql.replace(/\$1::oid\[\]/g, `'{${oids.join(",")}}'::oid[]`);

export interface SchemasRow {
  default_schema: string | null;
  schemas: string[];
  /** Installed extensions but plpgsql. */
  extensions: string[];
}

export const SCHEMAS_SQL = `
SELECT current_schema() AS default_schema,
  to_json(ARRAY(SELECT n.nspname::text FROM pg_namespace n WHERE ${SYSTEM_SCHEMA_FILTER} ORDER BY 1)) AS schemas,
  to_json(ARRAY(SELECT e.extname::text FROM pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1)) AS extensions`;

export interface TableRow {
  oid: number;
  schema: string;
  name: string;
  comment: string | null;
}

/** $1: schema names. Ordinary and partitioned tables. */
export const TABLES_SQL = `
SELECT c.oid AS oid, n.nspname AS schema, c.relname AS name,
  (SELECT d.description FROM pg_description d
    WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0) AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])`;

export interface ViewRow {
  oid: number;
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
}

/** $1: schema names. Views and materialized views, with the definition as the server stores it. */
export const VIEWS_SQL = `
SELECT c.oid AS oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
  pg_get_viewdef(c.oid) AS definition
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1::text[])`;

export interface ColumnRow {
  table_oid: number;
  attnum: number;
  name: string;
  /** `format_type()`, with one `[]` per declared array dimension (it prints only one). */
  type: string;
  not_null: boolean;
  default_expr: string | null;
  identity: "" | "a" | "d";
  generated: "" | "s";
  comment: string | null;
  /** Only when not the type's default; schema-qualified outside pg_catalog and the default schema. */
  collation: string | null;
  enum_oid: number | null;
  /** The default calls nextval() on a sequence OWNED BY this column (pg_depend 'a'): SERIAL. */
  serial: boolean;
}

/** $1: table oids. Columns in table order; the collation only when not the type's default. */
export const COLUMNS_SQL = `
SELECT a.attrelid AS table_oid, a.attnum, a.attname AS name,
  format_type(a.atttypid, a.atttypmod) || repeat('[]', greatest(a.attndims - 1, 0)) AS type,
  a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
  -- A default cannot name a column, so it needs no relation context (which would open, and on a
  -- fresh connection load, every table); a generated column's expression does.
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) ELSE pg_get_expr(ad.adbin, ad.adrelid) END
    AS default_expr,
  d.description AS comment,
  CASE WHEN con.nspname IN ('pg_catalog', current_schema()) THEN co.collname::text
    ELSE con.nspname || '.' || co.collname END AS collation,
  CASE WHEN t.typtype = 'e' THEN t.oid WHEN et.typtype = 'e' THEN et.oid END AS enum_oid,
  -- serial: the default uses a sequence this column owns. A lookup per default through
  -- pg_depend's index, cheaper than joining every dependency of the database.
  ad.oid IS NOT NULL AND EXISTS (
    SELECT FROM pg_depend used
    JOIN pg_depend owned ON owned.classid = 'pg_class'::regclass AND owned.objid = used.refobjid
      AND owned.refclassid = 'pg_class'::regclass AND owned.refobjid = a.attrelid AND owned.refobjsubid = a.attnum
      AND owned.deptype = 'a'
    WHERE used.classid = 'pg_attrdef'::regclass AND used.objid = ad.oid AND used.refclassid = 'pg_class'::regclass
  ) AS serial
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

export interface ConstraintRow {
  table_oid: number;
  name: string;
  type: "p" | "u" | "f" | "c" | "x";
  /** Column numbers, space-separated (text: parsing int2[] in the driver costs more). */
  columns: string | null;
  deferrable: boolean;
  deferred: boolean;
  on_update: string;
  on_delete: string;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  check_expr: string | null;
  /** `pg_get_constraintdef` of an exclusion constraint (`EXCLUDE USING gist (…)`). */
  exclusion_def: string | null;
}

/** $1: table oids. Primary keys, uniques, foreign keys, checks and exclusions (NOT NULL is no constraint row on PG 15). */
export const CONSTRAINTS_SQL = `
SELECT c.conrelid AS table_oid, c.conname AS name, c.contype AS type, array_to_string(c.conkey, ' ') AS columns,
  c.condeferrable AS deferrable, c.condeferred AS deferred, c.confupdtype AS on_update, c.confdeltype AS on_delete,
  fn.nspname AS ref_schema, fc.relname AS ref_table,
  CASE WHEN c.contype = 'f' THEN to_json(ARRAY(
    SELECT fa.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
    JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.attnum ORDER BY k.ord)) END AS ref_columns,
  CASE WHEN c.contype = 'c' THEN pg_get_expr(c.conbin, c.conrelid, true) END AS check_expr,
  CASE WHEN c.contype = 'x' THEN pg_get_constraintdef(c.oid, true) END AS exclusion_def
FROM pg_constraint c
LEFT JOIN pg_class fc ON fc.oid = c.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE c.conrelid = ANY($1::oid[]) AND c.contype IN ('p', 'u', 'f', 'c', 'x')`;

export interface IndexRow {
  table_oid: number;
  name: string;
  unique: boolean;
  method: string;
  /** pg_index.indkey and indoption as printed: space-separated numbers. */
  keys: string;
  options: string;
  key_count: number;
  predicate: string | null;
  /** `pg_get_indexdef` of each expression part, in order. */
  expressions: string[] | null;
}

/** $1: table oids. Leaves out the indexes that back a primary key, unique or exclusion constraint. */
export const INDEXES_SQL = `
SELECT i.indrelid AS table_oid, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
  i.indkey::text AS keys, i.indoption::text AS options, i.indnkeyatts AS key_count,
  pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
  CASE WHEN i.indexprs IS NOT NULL THEN to_json(ARRAY(
    SELECT pg_get_indexdef(i.indexrelid, k.ord::int, true) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
    WHERE k.attnum = 0 AND k.ord <= i.indnkeyatts ORDER BY k.ord)) END AS expressions
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`;

export interface EnumRow {
  oid: number;
  schema: string;
  name: string;
  values: string[];
}

/** Every enum of the database: columns may use one from a schema that is not reflected. */
export const ENUMS_SQL = `
SELECT t.oid AS oid, n.nspname AS schema, t.typname AS name,
  to_json(array_agg(e.enumlabel::text ORDER BY e.enumsortorder)) AS values
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
GROUP BY t.oid, n.nspname, t.typname`;
