import { columnType, type ColumnType } from "@retort/core";
import {
  DEFAULT_DECIMAL_PRECISION,
  FLOAT_DOUBLE_THRESHOLD,
  FRACTIONAL_SECONDS_TYPES,
  INTEGER_TYPES,
  LENGTH_ONE_BY_DEFAULT,
  LENGTH_TYPES,
  PARAMETERLESS_TYPES,
  TYPE_SYNONYMS,
} from "./type-synonyms";
import { parseStringList } from "./sql-tokens";

/** Words after the base name that are attributes, not part of the type's name. */
const ATTRIBUTE_WORDS = new Set([
  "unsigned",
  "signed",
  "zerofill",
  "charset",
  "collate",
  "ascii",
  "unicode",
  "byte",
  "binary",
]);

interface TypeParts {
  readonly base: string;
  readonly args: string | null;
  readonly unsigned: boolean;
}

/** Splits `national varchar(10) character set latin1` into base, argument text and flags. */
function splitType(sqlType: string): TypeParts {
  const text = sqlType.trim();
  const open = text.indexOf("(");
  const close = open < 0 ? -1 : matchingParen(text, open);
  const head = (open < 0 ? text : text.slice(0, open)).toLowerCase().split(/\s+/).filter(Boolean);
  const tail = (close < 0 ? "" : text.slice(close + 1)).toLowerCase();
  const baseWords: string[] = [];
  for (const [i, word] of head.entries()) {
    const startsCharset = word === "character" && head[i + 1] === "set";
    if (i > 0 && (ATTRIBUTE_WORDS.has(word) || startsCharset)) break;
    baseWords.push(word);
  }
  const flags = `${head.slice(baseWords.length).join(" ")} ${tail}`;
  return {
    base: baseWords.join(" "),
    args: open < 0 ? null : text.slice(open + 1, close < 0 ? undefined : close),
    unsigned: /\b(unsigned|zerofill)\b/.test(flags),
  };
}

function matchingParen(text: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = text[i + 1] === quote ? (i++, quote) : null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ")") return i;
  }
  return -1;
}

function numbers(args: string | null): number[] {
  if (args === null) return [];
  return args
    .split(",")
    .map((a) => Number(a.trim()))
    .filter((n) => Number.isFinite(n));
}

/**
 * Parses a MySQL/MariaDB column type as written in DDL or as information_schema's
 * COLUMN_TYPE reports it into the canonical ColumnType (see type-synonyms.ts).
 */
export function parseMysqlType(sqlType: string): ColumnType {
  const { base, args, unsigned } = splitType(sqlType);
  const name = TYPE_SYNONYMS.get(base) ?? base;
  const n = numbers(args);
  if (base === "serial") return columnType("bigint", { unsigned: true });
  if (name === "boolean" || (name === "tinyint" && n[0] === 1 && !unsigned)) return columnType("boolean");
  if (INTEGER_TYPES.has(name)) return columnType(name, { unsigned });
  if (name === "decimal") {
    return columnType(name, { precision: n[0] ?? DEFAULT_DECIMAL_PRECISION, scale: n[1] ?? 0, unsigned });
  }
  if (name === "float" || name === "double") {
    if (n.length === 1) return columnType(n[0]! > FLOAT_DOUBLE_THRESHOLD ? "double" : "float", { unsigned });
    return columnType(name, { precision: n[0] ?? null, scale: n[1] ?? null, unsigned });
  }
  if (name === "enum" || name === "set") return columnType(name, { enumValues: parseStringList(args ?? "") });
  if (LENGTH_TYPES.has(name)) return columnType(name, { length: n[0] ?? (LENGTH_ONE_BY_DEFAULT.has(name) ? 1 : null) });
  if (FRACTIONAL_SECONDS_TYPES.has(name)) return columnType(name, { precision: n[0] || null });
  if (PARAMETERLESS_TYPES.has(name)) return columnType(name);
  // Types retort has no rule for (spatial, uuid, inet6, vector…) keep what was written.
  if (n.length === 2) return columnType(name, { precision: n[0]!, scale: n[1]!, unsigned });
  return columnType(name, { length: n[0] ?? null, unsigned });
}
