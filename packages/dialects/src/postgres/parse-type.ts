import { columnType, type ColumnType } from "@retort/core";
import { POSTGRES_DEFAULT_LENGTHS, POSTGRES_TYPE_MODIFIERS, POSTGRES_TYPE_SYNONYMS } from "./type-synonyms";

const ARRAY_SUFFIX = /\s*(?:\[\s*\d*\s*\]|\barray\b(?:\s*\[\s*\d*\s*\])?)\s*$/i;
const MODIFIERS = /^(.*?)\s*\(([^)]*)\)\s*(.*)$/;

/**
 * Parses a PostgreSQL type as written in DDL or printed by `format_type()`
 * (`int4`, `character varying(20)[]`, `numeric(10,2)`, `timestamp(3) with time zone`)
 * into the canonical ColumnType. Unknown names (enums, domains, extension types) keep
 * their spelling, minus quotes around a plain lower-case name.
 */
export function parsePostgresType(sqlType: string): ColumnType {
  let rest = sqlType.trim();
  let arrayDimensions = 0;
  for (let m = ARRAY_SUFFIX.exec(rest); m && rest.length > 0; m = ARRAY_SUFFIX.exec(rest)) {
    arrayDimensions++;
    rest = rest.slice(0, m.index);
  }
  const parts = MODIFIERS.exec(rest);
  const spelled = parts ? `${parts[1]} ${parts[3]}` : rest;
  const args = parts ? parts[2]!.split(",").map((s) => Number(s.trim())) : [];
  const key = isQuoted(spelled) ? spelled : spelled.toLowerCase().replace(/\s+/g, " ").trim();
  const fields = { arrayDimensions };
  if (key === "float" || key === "double") return floatType(args[0], fields);
  const name = POSTGRES_TYPE_SYNONYMS[key] ?? unquoteSimple(key);
  switch (POSTGRES_TYPE_MODIFIERS[name]) {
    case "length":
      return columnType(name, { ...fields, length: args[0] ?? POSTGRES_DEFAULT_LENGTHS[key] ?? null });
    case "precision-scale":
      return columnType(name, {
        ...fields,
        precision: args[0] ?? null,
        scale: args[0] === undefined ? null : (args[1] ?? 0),
      });
    case "time-precision":
      return columnType(name, { ...fields, precision: args[0] ?? null });
    default:
      // Modifiers of other types (`geometry(Point,4326)`, `vector(3)`) stay part of the name.
      return columnType(
        parts
          ? `${name}(${parts[2]!
              .split(",")
              .map((a) => a.trim())
              .join(",")})`
          : name,
        fields,
      );
  }
}

/** `float(p)`: 1–24 bits is `real`, 25–53 (or none) is `double precision`. */
function floatType(bits: number | undefined, fields: { arrayDimensions: number }): ColumnType {
  return columnType(bits !== undefined && bits <= 24 ? "real" : "double precision", fields);
}

function isQuoted(s: string): boolean {
  return s.startsWith('"') || s.includes('."');
}

/** `"mood"` → `mood`, `public."Mood"` stays: quotes matter only when the name needs them. */
function unquoteSimple(name: string): string {
  return name
    .split(".")
    .map((part) => (/^"[a-z_][a-z0-9_$]*"$/.test(part) ? part.slice(1, -1) : part))
    .join(".");
}

/** The type as canonical DDL: `varchar(20)`, `numeric(10,2)`, `timestamptz(3)`, `integer[]`. */
export function renderPostgresType(t: ColumnType): string {
  const mods =
    t.length !== null
      ? `(${t.length})`
      : t.precision !== null
        ? t.scale !== null
          ? `(${t.precision},${t.scale})`
          : `(${t.precision})`
        : "";
  return `${t.name}${mods}${"[]".repeat(t.arrayDimensions)}`;
}
