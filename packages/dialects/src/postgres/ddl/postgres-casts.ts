import type { ColumnType } from "@retort/core";

/**
 * Types between which PostgreSQL has an implicit or assignment cast (pg_cast), so that
 * `ALTER COLUMN … TYPE` needs no `USING`. Without `USING` the server converts as an
 * assignment does, and refuses a value that does not fit (`value too long for type
 * character varying(10)`); an explicit `USING col::varchar(10)` would truncate it silently.
 */
const ASSIGNABLE_GROUPS: readonly ReadonlySet<string>[] = [
  new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision"]),
  new Set(["varchar", "text", "char"]),
  new Set(["timestamp", "timestamptz", "date"]),
  new Set(["time", "timetz"]),
  new Set(["json", "jsonb"]),
  new Set(["bit", "varbit"]),
];

/** One-way assignment casts outside the groups: a timestamp keeps its time of day. */
const ONE_WAY: ReadonlySet<string> = new Set(["timestamp>time", "timestamptz>time", "timestamptz>timetz"]);

/** Every type converts to a string type by its output function, as an assignment cast. */
const STRING_TYPES: ReadonlySet<string> = new Set(["varchar", "text", "char"]);

export function assignmentCastExists(from: ColumnType, to: ColumnType): boolean {
  if (to.arrayDimensions === 0 && STRING_TYPES.has(to.name)) return true;
  if (from.arrayDimensions !== to.arrayDimensions) return false;
  if (from.name === "enum" || to.name === "enum") return from.name === to.name && from.enumName === to.enumName;
  if (from.name === to.name) return true;
  return ASSIGNABLE_GROUPS.some((g) => g.has(from.name) && g.has(to.name)) || ONE_WAY.has(`${from.name}>${to.name}`);
}
