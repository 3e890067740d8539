import type { ColumnType } from "@retort/core";

/** `'<text>'`, optionally cast (`'{}'::jsonb`): the text of a quoted literal, else null. */
function literalText(expression: string): string | null {
  const m = /^'((?:[^']|'')*)'(?:::[\w ]+)?$/.exec(expression.trim());
  return m ? m[1].replace(/''/g, "'") : null;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function jsonValue(expression: string): string | null {
  const text = literalText(expression);
  if (text === null) return null;
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Types whose literal defaults the engine rewrites into a canonical value: PostgreSQL
 * stores `jsonb` parsed, with keys reordered and whitespace dropped
 * (https://www.postgresql.org/docs/current/datatype-json.html), so the reflected default
 * of `'{"b":1, "a":2}'` reads `'{"a": 2, "b": 1}'::jsonb`. Compared as JSON values.
 */
const VALUE_COMPARED_TYPES: ReadonlySet<string> = new Set(["jsonb"]);

/** retort's default rule: equal normalised text, or equal values where the engine canonicalises them. */
export function defaultsEqual(target: string | null, actual: string | null, type: ColumnType): boolean {
  if (target === actual) return true;
  if (target === null || actual === null) return false;
  if (VALUE_COMPARED_TYPES.has(type.name) && type.arrayDimensions === 0) {
    const t = jsonValue(target);
    return t !== null && t === jsonValue(actual);
  }
  return false;
}
