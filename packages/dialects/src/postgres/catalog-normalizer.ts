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
