import type { ColumnType } from "@retort/core";
import { normalizePostgresDefault } from "./normalize-default";
import { normalizePostgresExpression } from "./normalize-expression";
import { parsePostgresType } from "./parse-type";

/**
 * postgresRules with a memory, for one introspection: a schema repeats the same types,
 * defaults and predicates on table after table, so each distinct text is parsed once.
 */
export class CatalogNormalizer {
  private readonly types = new Map<string, ColumnType>();
  private readonly defaults = new Map<string, string | null>();
  private readonly expressions = new Map<string, string>();

  type(formatted: string): ColumnType {
    return remember(this.types, formatted, () => parsePostgresType(formatted));
  }

  /** normalizePostgresDefault reads only the type's name, array dimensions and enum name. */
  default(expression: string, type: ColumnType): string | null {
    const literal = ownEnumLiteral(expression, type);
    if (literal !== undefined) return literal;
    const key = `${type.name}\u0000${type.arrayDimensions}\u0000${type.enumName ?? ""}\u0000${expression}`;
    return remember(this.defaults, key, () => normalizePostgresDefault(expression, type));
  }

  expression(sql: string): string {
    return remember(this.expressions, sql, () => normalizePostgresExpression(sql));
  }
}

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key)!;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** A lowercase identifier, optionally schema-qualified: the server prints it unquoted, and it parses as itself. */
const PLAIN_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/;
const QUOTED_LITERAL = /^'(?:[^']|'')*'$/;

/**
 * How the server prints every enum column's default, a literal cast to the column's own
 * type (`'active'::user_status_enum`), is that literal (normalizePostgresDefault drops a
 * cast to the column's own type): answered without parsing, since each table's enum has a
 * name of its own and the memory would not help. `undefined` for anything else.
 */
function ownEnumLiteral(expression: string, type: ColumnType): string | undefined {
  if (type.name !== "enum" || type.arrayDimensions !== 0 || type.enumName === null || !PLAIN_NAME.test(type.enumName)) return undefined;
  const bare = type.enumName.slice(type.enumName.lastIndexOf(".") + 1);
  for (const name of new Set([type.enumName, bare])) {
    const suffix = `::${name}`;
    if (!expression.endsWith(suffix)) continue;
    const literal = expression.slice(0, -suffix.length);
    if (QUOTED_LITERAL.test(literal)) return literal;
  }
  return undefined;
}
