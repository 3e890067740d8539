import type { ColumnType, DialectName } from "@retort/core";

/**
 * Canonical type names grouped by what their values can hold, so that codegen can tell
 * a compatible type (a rename candidate) from a narrowing one (a lossy change).
 */
export type TypeFamily = "integer" | "float" | "decimal" | "string" | "binary" | "time" | "boolean" | "json" | "uuid" | "enum";

const FAMILIES: Readonly<Record<string, TypeFamily>> = {
  tinyint: "integer",
  smallint: "integer",
  mediumint: "integer",
  int: "integer",
  integer: "integer",
  bigint: "integer",
  real: "float",
  float: "float",
  double: "float",
  "double precision": "float",
  numeric: "decimal",
  decimal: "decimal",
  char: "string",
  character: "string",
  varchar: "string",
  "character varying": "string",
  text: "string",
  tinytext: "string",
  mediumtext: "string",
  longtext: "string",
  citext: "string",
  bytea: "binary",
  blob: "binary",
  tinyblob: "binary",
  mediumblob: "binary",
  longblob: "binary",
  binary: "binary",
  varbinary: "binary",
  date: "time",
  time: "time",
  timetz: "time",
  timestamp: "time",
  timestamptz: "time",
  datetime: "time",
  boolean: "boolean",
  bool: "boolean",
  json: "json",
  jsonb: "json",
  uuid: "uuid",
  enum: "enum",
};

/** Bytes of an integer type, the width that bounds its range. */
const INTEGER_BYTES: Readonly<Record<string, number>> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 8 };

const FLOAT_BYTES: Readonly<Record<string, number>> = { real: 4, float: 4, double: 8, "double precision": 8 };

/** MySQL's TEXT/BLOB sizes; https://dev.mysql.com/doc/refman/8.0/en/storage-requirements.html */
const MYSQL_LOB_CAPACITY: Readonly<Record<string, number>> = {
  tinytext: 255,
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: 4_294_967_295,
  tinyblob: 255,
  blob: 65_535,
  mediumblob: 16_777_215,
  longblob: 4_294_967_295,
};

export function typeFamily(t: ColumnType): TypeFamily | null {
  if (t.enumValues !== null) return "enum";
  return FAMILIES[t.name] ?? null;
}

/** Two types whose values carry over: same family (and same array shape), or the same name. */
export function compatibleTypes(a: ColumnType, b: ColumnType): boolean {
  if (a.arrayDimensions !== b.arrayDimensions) return false;
  const family = typeFamily(a);
  return a.name === b.name || (family !== null && family === typeFamily(b));
}

/**
 * Why moving a column from `from` to `to` can lose or reject existing values, or `null`
 * when it cannot: a shorter string, a smaller or re-signed integer, a lower precision or
 * scale, fewer enum values.
 */
export function narrowing(from: ColumnType, to: ColumnType, dialect: DialectName): string | null {
  const family = typeFamily(from);
  const target = typeFamily(to);
  if (family === null || target === null) return null;
  if (family !== target) return lossyConversion(family, target);
  switch (family) {
    case "integer":
      if ((INTEGER_BYTES[to.name] ?? 0) < (INTEGER_BYTES[from.name] ?? 0)) return "a smaller integer type";
      return from.unsigned !== to.unsigned ? "a change of signedness" : null;
    case "float":
      return (FLOAT_BYTES[to.name] ?? 0) < (FLOAT_BYTES[from.name] ?? 0) ? "a less precise floating-point type" : null;
    case "decimal":
      return lower(from.precision, to.precision) || lower(from.scale, to.scale) ? "a lower precision or scale" : null;
    case "string":
    case "binary":
      return capacity(to, dialect) < capacity(from, dialect) ? "a shorter length" : null;
    case "time":
      if (to.name === "date" && from.name !== "date") return "a date, dropping the time of day";
      if ((to.name === "time" || to.name === "timetz") && from.name !== to.name) return "a time of day, dropping the date";
      return from.name === to.name && lower(from.precision, to.precision) ? "a lower fractional-seconds precision" : null;
    case "enum":
      return (from.enumValues ?? []).some((v) => !(to.enumValues ?? []).includes(v)) ? "fewer enum values" : null;
    default:
      return null;
  }
}

/** Conversions between families that lose information or reject values. */
function lossyConversion(from: TypeFamily, to: TypeFamily): string | null {
  if ((from === "decimal" || from === "float") && to === "integer") return "the fractional part is dropped";
  if (from === "float" && to === "decimal") return "a fixed precision";
  if (from === "string" && to !== "string" && to !== "enum") return `a ${to} type, rejecting text that does not convert`;
  if (from === "json" && to !== "string") return `a ${to} type`;
  return null;
}

/** `null` precision means unbounded (PostgreSQL `numeric`), so any bound is lower. */
function lower(from: number | null, to: number | null): boolean {
  return to !== null && (from === null || to < from);
}

function capacity(t: ColumnType, dialect: DialectName): number {
  if (t.length !== null) return t.length;
  const isMysql = dialect === "mysql" || dialect === "mariadb";
  return (isMysql ? MYSQL_LOB_CAPACITY[t.name] : undefined) ?? Number.POSITIVE_INFINITY;
}
