import type { ColumnType } from "@retort/core";
import { normalizeMysqlExpression } from "./normalize-expression";
import { parseStringList, quoteString, tokenize, type Token } from "./sql-tokens";
import { canonicalTemporal } from "./temporal-literal";
import { NUMERIC_TYPES } from "./type-synonyms";

/**
 * Canonical form of a MySQL/MariaDB column default, the same for what DDL says
 * (`DEFAULT 'abc'`, `DEFAULT CURRENT_TIMESTAMP(6)`, `DEFAULT 0`, `DEFAULT true`) and
 * for what MariaDB's information_schema.COLUMNS.COLUMN_DEFAULT reports once the server
 * stored it (`'abc'`, `current_timestamp(6)`, `0.00`, `1`, `b'1'`, `NULL`):
 *
 * - no default / `NULL` → null;
 * - string literals → `'text'` with `''` doubling (the server's escapes undone first);
 *   date/time literals padded the server's way (temporal-literal.ts);
 * - numbers, for numeric columns (integers, boolean, decimal, float, double, bit, year),
 *   quoted or not, `true`/`false`, `b'101'`, `0x1F` → a plain decimal without redundant
 *   zeros (`0.00` → `0`, `-0.50` → `-0.5`, `b'1'` → `1`);
 * - a bare number for a non-numeric column → quoted (`DEFAULT 5` on varchar is `'5'`);
 * - `CURRENT_TIMESTAMP`, `current_timestamp()`, `now()`, `localtimestamp` → `CURRENT_TIMESTAMP`,
 *   and with a fractional precision `CURRENT_TIMESTAMP(6)`;
 * - any other expression → normalizeMysqlExpression, outer parentheses dropped.
 *
 * `ON UPDATE CURRENT_TIMESTAMP` is not part of a default (MariaDB reports it in EXTRA):
 * the model keeps it in the column's `onUpdate`, normalised by this same function.
 */
export function normalizeMysqlDefault(expression: string, type: ColumnType): string | null {
  const tokens = unwrap(tokenize(expression));
  if (tokens.length === 0) return null;
  const only = tokens.length === 1 ? tokens[0]! : null;
  if (only?.kind === "word" && only.text === "null") return null;
  const timestamp = currentTimestamp(tokens, type);
  if (timestamp) return timestamp;
  const numeric = NUMERIC_TYPES.has(type.name);
  const number = numberLiteral(tokens, numeric);
  if (number !== null) return numeric ? number : `'${number}'`;
  if (only?.kind === "string") {
    const temporal = canonicalTemporal(parseStringList(only.text)[0] ?? "", type.name);
    return temporal === null ? only.text : quoteString(temporal);
  }
  return normalizeMysqlExpression(expression);
}

/** Drops parentheses around the whole default: `DEFAULT (uuid())` is stored as `uuid()`. */
function unwrap(tokens: Token[]): Token[] {
  let t = tokens;
  while (t.length >= 2 && t[0]!.text === "(" && t.at(-1)!.text === ")" && wrapsAll(t)) t = t.slice(1, -1);
  return t;
}

function wrapsAll(tokens: readonly Token[]): boolean {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text === "(") depth++;
    else if (tokens[i]!.text === ")" && --depth === 0 && i < tokens.length - 1) return false;
  }
  return true;
}

const TIMESTAMP_WORDS = new Set(["current_timestamp", "now", "localtime", "localtimestamp"]);

/**
 * MariaDB stores a `CURRENT_TIMESTAMP(n)` default on a `datetime(p)` column with p < n as
 * `current_timestamp(p)` (TypeORM writes `datetime(2) DEFAULT CURRENT_TIMESTAMP(6)`), so
 * the precision is capped at the column's own.
 */
function currentTimestamp(tokens: readonly Token[], type: ColumnType): string | null {
  const [word, open, arg, close] = tokens;
  if (word?.kind !== "word" || !TIMESTAMP_WORDS.has(word.text)) return null;
  if (tokens.length === 1 && word.text !== "now") return "CURRENT_TIMESTAMP";
  if (tokens.length === 3 && open?.text === "(" && arg?.text === ")") return "CURRENT_TIMESTAMP";
  if (tokens.length === 4 && open?.text === "(" && arg?.kind === "number" && close?.text === ")") {
    const columnPrecision = TEMPORAL_WITH_PRECISION.has(type.name) ? (type.precision ?? 0) : Infinity;
    const precision = Math.min(Number(arg.text), columnPrecision);
    return precision > 0 ? `CURRENT_TIMESTAMP(${precision})` : "CURRENT_TIMESTAMP";
  }
  return null;
}

const TEMPORAL_WITH_PRECISION = new Set(["datetime", "timestamp"]);

/**
 * The canonical decimal text of a numeric default, or null if it is none. Quoted numbers
 * (`'5'`) count only for numeric columns, where the server reads them as numbers.
 */
function numberLiteral(tokens: readonly Token[], numeric: boolean): string | null {
  let sign = "";
  let rest = tokens;
  if (rest.length === 2 && (rest[0]!.text === "-" || rest[0]!.text === "+")) {
    sign = rest[0]!.text === "-" ? "-" : "";
    rest = rest.slice(1);
  }
  if (rest.length !== 1) return null;
  const t = rest[0]!;
  if (numeric && t.kind === "word" && (t.text === "true" || t.text === "false")) return t.text === "true" ? "1" : "0";
  if (numeric && t.kind === "literal") return integerText(t.text);
  if (numeric && t.kind === "string") {
    const value = (parseStringList(t.text)[0] ?? "").trim();
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? canonicalNumber(value) : null;
  }
  if (t.kind !== "number") return null;
  if (/^0[xb]/.test(t.text)) return numeric ? integerText(t.text) : null;
  return canonicalNumber(sign + t.text);
}

/** `b'101'`, `x'1f'`, `0x1F`, `0b101` → decimal text. */
function integerText(literal: string): string | null {
  const m = /^(?:([xb])'([0-9a-f]*)'|0([xb])([0-9a-f]+))$/i.exec(literal);
  if (!m) return null;
  const radix = (m[1] ?? m[3])!.toLowerCase() === "x" ? "0x" : "0b";
  const digits = m[2] ?? m[4] ?? "";
  return BigInt(digits === "" ? "0" : radix + digits).toString();
}

/** `-0.50` → `-0.5`, `007` → `7`, `1e3` → `1000`, `-0` → `0`; exact, no float rounding for plain decimals. */
export function canonicalNumber(text: string): string {
  if (/e/i.test(text)) return String(Number(text));
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const integer = (m[2] ?? "").replace(/^0+(?=\d)/, "") || "0";
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  const body = fraction ? `${integer}.${fraction}` : integer;
  return m[1] === "-" && body !== "0" ? `-${body}` : body;
}
