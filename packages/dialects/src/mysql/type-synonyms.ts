/**
 * MySQL/MariaDB type names as data. Canonical names are the server's own (what
 * information_schema.COLUMNS.DATA_TYPE says), except `boolean` for `tinyint(1)` and
 * `json` for MariaDB's `longtext` + `json_valid` check.
 * https://mariadb.com/kb/en/data-types/ · https://dev.mysql.com/doc/refman/8.0/en/other-vendor-data-types.html
 */

/** Synonym (lowercase, single-spaced) → canonical base name. */
export const TYPE_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["integer", "int"],
  ["int1", "tinyint"],
  ["int2", "smallint"],
  ["int3", "mediumint"],
  ["middleint", "mediumint"],
  ["int4", "int"],
  ["int8", "bigint"],
  ["numeric", "decimal"],
  ["dec", "decimal"],
  ["fixed", "decimal"],
  ["real", "double"],
  ["double precision", "double"],
  ["float8", "double"],
  ["float4", "float"],
  ["bool", "boolean"],
  ["character varying", "varchar"],
  ["char varying", "varchar"],
  ["varcharacter", "varchar"],
  ["nvarchar", "varchar"],
  ["national varchar", "varchar"],
  ["national character varying", "varchar"],
  ["national char varying", "varchar"],
  ["nchar varchar", "varchar"],
  ["nchar varying", "varchar"],
  ["character", "char"],
  ["nchar", "char"],
  ["national char", "char"],
  ["national character", "char"],
  ["long varchar", "mediumtext"],
  ["long", "mediumtext"],
  ["long varbinary", "mediumblob"],
  ["geomcollection", "geometrycollection"],
  ["serial", "bigint"],
]);

/** Integer types: their display width, `int(11)`, carries no meaning and is dropped. */
export const INTEGER_TYPES: ReadonlySet<string> = new Set(["tinyint", "smallint", "mediumint", "int", "bigint"]);

/** Types whose single parameter is a length (characters, bytes or bits). */
export const LENGTH_TYPES: ReadonlySet<string> = new Set(["char", "varchar", "binary", "varbinary", "bit"]);

/** Types whose length defaults to 1 when omitted (`char` is `char(1)`). */
export const LENGTH_ONE_BY_DEFAULT: ReadonlySet<string> = new Set(["char", "binary", "bit"]);

/** Types whose parameter is fractional-seconds precision; 0 (the default) is stored as null. */
export const FRACTIONAL_SECONDS_TYPES: ReadonlySet<string> = new Set(["datetime", "timestamp", "time"]);

/** Types whose parameter the server ignores or rewrites (`text(100)`, `year(4)`). */
export const PARAMETERLESS_TYPES: ReadonlySet<string> = new Set([
  "tinytext",
  "text",
  "mediumtext",
  "longtext",
  "tinyblob",
  "blob",
  "mediumblob",
  "longblob",
  "year",
  "date",
  "json",
]);

/** Types whose values are read as numbers (defaults are unquoted and canonicalised). */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  ...INTEGER_TYPES,
  "boolean",
  "decimal",
  "float",
  "double",
  "bit",
  "year",
]);

/** `float(p)`: the precision picks float or double and is not kept (MySQL docs, "Floating-Point Types"). */
export const FLOAT_DOUBLE_THRESHOLD = 24;

/** `decimal` without parameters is `decimal(10,0)`. */
export const DEFAULT_DECIMAL_PRECISION = 10;
