import { columnType, RetortError, type ColumnType } from "@retort/core";

/** A column type string in a migration that retort cannot read. */
export class InvalidColumnTypeError extends RetortError {
  constructor(readonly typeText: string) {
    super(
      "invalid_column_type",
      `Cannot read the column type "${typeText}". Write it as SQL: a name with optional (length) or (precision, scale), "unsigned", and [] for arrays, e.g. "varchar(255)", "numeric(10,2)", "text[]".`,
    );
  }
}

/** Spellings that mean the same portable type; everything else keeps its (lower-case) name. */
const PORTABLE_SYNONYMS: Readonly<Record<string, string>> = {
  int: "integer",
  int4: "integer",
  int8: "bigint",
  int2: "smallint",
  bool: "boolean",
  "character varying": "varchar",
  character: "char",
  decimal: "numeric",
  float8: "double precision",
  double: "double precision",
  float4: "real",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  "time with time zone": "timetz",
};

/** Types whose single `(n)` is a precision (digits or fractional seconds), not a length. */
const PRECISION_FIRST: ReadonlySet<string> = new Set([
  "numeric", "timestamp", "timestamptz", "time", "timetz", "datetime", "interval", "float", "double precision", "real",
]);

const TYPE_PATTERN = /^([a-z_"][\w ."$]*?)\s*(?:\(\s*([^)]*)\))?\s*((?:with|without) time zone)?\s*(unsigned)?\s*((?:\[\s*\d*\s*\])*)$/i;

/**
 * Reads a type as written in a migration (`varchar(255)`, `numeric(10,2)`, `int unsigned`,
 * `timestamp(3) with time zone`, `text[]`) into a ColumnType with a portable name; each
 * dialect then maps the name to its own (see `<dialect>/ddl/*-types.ts`).
 */
export function parsePortableType(text: string, enumFacts: { enumValues?: readonly string[]; enumName?: string } = {}): ColumnType {
  const m = TYPE_PATTERN.exec(text.trim());
  if (!m) throw new InvalidColumnTypeError(text);
  const quoted = m[1]!.includes('"');
  const written = quoted ? m[1]!.trim() : `${m[1]!.trim()}${m[3] ? ` ${m[3]}` : ""}`.toLowerCase().replace(/\s+/g, " ");
  const name = PORTABLE_SYNONYMS[written] ?? written;
  const args = m[2] === undefined ? [] : m[2].split(",").map((s) => s.trim());
  const listed = name === "enum" || name === "set";
  if (args.some((a) => !/^\d+$/.test(a)) && !listed) throw new InvalidColumnTypeError(text);
  const numbers = args.map(Number);
  const arrayDimensions = (m[5]!.match(/\[/g) ?? []).length;
  const enumValues = enumFacts.enumValues ?? (listed && args.length > 0 ? args.map(unquote) : null);
  const base = { arrayDimensions, unsigned: m[4] !== undefined, enumValues, enumName: enumFacts.enumName ?? null };
  if (listed || numbers.length === 0) return columnType(name, base);
  if (numbers.length >= 2) return columnType(name, { ...base, precision: numbers[0]!, scale: numbers[1]! });
  return PRECISION_FIRST.has(name)
    ? columnType(name, { ...base, precision: numbers[0]! })
    : columnType(name, { ...base, length: numbers[0]! });
}

function unquote(s: string): string {
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

/** `(n)`, `(p)` or `(p,s)` for a type, or "" when it has none. */
export function typeModifiers(t: ColumnType): string {
  if (t.length !== null) return `(${t.length})`;
  if (t.precision === null) return "";
  return t.scale !== null ? `(${t.precision},${t.scale})` : `(${t.precision})`;
}
