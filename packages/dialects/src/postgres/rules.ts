import type { DialectRules } from "@retort/core";
import { normalizePostgresDefault } from "./normalize-default";
import { normalizePostgresExpression } from "./normalize-expression";
import { parsePostgresType } from "./parse-type";

/** PostgreSQL's normalisation rules, shared by introspection and the entity side. */
export const postgresRules: DialectRules = {
  family: "postgres",
  parseType: (sqlType) => parsePostgresType(sqlType),
  normalizeDefault: (expression, type) => normalizePostgresDefault(expression, type),
  normalizeExpression: (expression) => normalizePostgresExpression(expression),
};
export { normalizePostgresExclusion } from "./normalize-exclusion";
