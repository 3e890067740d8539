import type { DialectRules } from "@retort/core";
import { normalizeMysqlDefault } from "./normalize-default";
import { normalizeMysqlExpression } from "./normalize-expression";
import { parseMysqlType } from "./parse-type";

/**
 * Normalisation rules of MySQL 8 and MariaDB. One set serves both: the spelling
 * differences of their catalogs (MariaDB quotes literal defaults, MySQL 8 does not) are
 * undone by introspection before these rules see them.
 */
export const mysqlRules: DialectRules = {
  family: "mysql",
  parseType: (sqlType) => parseMysqlType(sqlType),
  normalizeDefault: (expression, type) => normalizeMysqlDefault(expression, type),
  normalizeExpression: (expression) => normalizeMysqlExpression(expression),
};
