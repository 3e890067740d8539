import type { DialectName, DialectRules } from "@retort/core";
import * as dialects from "@retort/dialects";
import { UnsupportedDataSourceTypeError } from "../errors";

export type DialectFamily = DialectRules["family"];

export interface TargetDialect {
  readonly family: DialectFamily;
  readonly dialect: DialectName;
}

/** TypeORM DataSource types retort models, by the family of their SQL (SPEC.md §3a). */
const BY_DATA_SOURCE_TYPE: Readonly<Record<string, TargetDialect>> = {
  postgres: { family: "postgres", dialect: "postgres" },
  "aurora-postgres": { family: "postgres", dialect: "postgres" },
  mysql: { family: "mysql", dialect: "mysql" },
  "aurora-mysql": { family: "mysql", dialect: "mysql" },
  mariadb: { family: "mysql", dialect: "mariadb" },
  "better-sqlite3": { family: "sqlite", dialect: "sqlite" },
  sqlite: { family: "sqlite", dialect: "sqlite" },
};

export function targetDialect(dataSourceType: string): TargetDialect {
  const found = BY_DATA_SOURCE_TYPE[dataSourceType];
  if (!found) throw new UnsupportedDataSourceTypeError(dataSourceType);
  return found;
}

/** The export of `@retort/dialects` holding each family's rules: both model sources share them. */
const RULES_EXPORT: Readonly<Record<DialectFamily, string>> = {
  postgres: "postgresRules",
  mysql: "mysqlRules",
  sqlite: "sqliteRules",
};

export function rulesFor(family: DialectFamily): DialectRules {
  const rules = (dialects as unknown as Record<string, DialectRules | undefined>)[RULES_EXPORT[family]];
  if (!rules) throw new Error(`@retort/dialects does not export ${RULES_EXPORT[family]}: pass options.rules`);
  return rules;
}
