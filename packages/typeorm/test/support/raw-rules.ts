import { columnType, type DialectRules } from "@retort/core";

/**
 * Rules that keep SQL exactly as TypeORM writes it (the type text becomes the type's
 * name): conversion tests then read what TypeORM would send to the database.
 */
export function rawRules(family: DialectRules["family"]): DialectRules {
  return {
    family,
    parseType: (sqlType) => columnType(sqlType),
    normalizeDefault: (expression) => expression,
    normalizeExpression: (expression) => expression,
  };
}
