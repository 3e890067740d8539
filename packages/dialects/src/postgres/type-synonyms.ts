/**
 * PostgreSQL type spellings and the canonical base name each one means. Keys are
 * lower-case with single spaces; `format_type()` output and DDL spellings both appear.
 * https://www.postgresql.org/docs/15/datatype.html (table 8.1, "Aliases")
 */
export const POSTGRES_TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  int: "integer",
  int4: "integer",
  integer: "integer",
  serial: "integer",
  serial4: "integer",
  int8: "bigint",
  bigint: "bigint",
  bigserial: "bigint",
  serial8: "bigint",
  int2: "smallint",
  smallint: "smallint",
  smallserial: "smallint",
  serial2: "smallint",
  float8: "double precision",
  "double precision": "double precision",
  float4: "real",
  real: "real",
  bool: "boolean",
  boolean: "boolean",
  "character varying": "varchar",
  "char varying": "varchar",
  varchar: "varchar",
  character: "char",
  char: "char",
  bpchar: "char",
  "bit varying": "varbit",
  varbit: "varbit",
  timestamp: "timestamp",
  "timestamp without time zone": "timestamp",
  timestamptz: "timestamptz",
  "timestamp with time zone": "timestamptz",
  time: "time",
  "time without time zone": "time",
  timetz: "timetz",
  "time with time zone": "timetz",
  decimal: "numeric",
  dec: "numeric",
  numeric: "numeric",
};

/** How a type's parenthesised modifiers are read. */
export type TypeModifierKind = "length" | "precision-scale" | "time-precision" | "float-bits";

/** Canonical base names whose `(n)` is a length, a precision/scale, or a time precision. */
export const POSTGRES_TYPE_MODIFIERS: Readonly<Record<string, TypeModifierKind>> = {
  varchar: "length",
  char: "length",
  bit: "length",
  varbit: "length",
  numeric: "precision-scale",
  timestamp: "time-precision",
  timestamptz: "time-precision",
  time: "time-precision",
  timetz: "time-precision",
  interval: "time-precision",
  float: "float-bits",
};

/**
 * Types whose bare spelling implies a length: `char` is `char(1)` and `bit` is `bit(1)`,
 * while `bpchar` (what `format_type` prints for an unbounded blank-padded type) has none.
 */
export const POSTGRES_DEFAULT_LENGTHS: Readonly<Record<string, number>> = {
  char: 1,
  character: 1,
  bit: 1,
};

/** Canonical names whose values are strings: a cast between them does not change a literal. */
export const POSTGRES_TEXT_TYPES: ReadonlySet<string> = new Set(["text", "varchar", "char", "name", "citext"]);

/** Canonical names whose literals are plain numbers. */
export const POSTGRES_NUMERIC_TYPES: ReadonlySet<string> = new Set([
  "smallint",
  "integer",
  "bigint",
  "numeric",
  "real",
  "double precision",
]);
