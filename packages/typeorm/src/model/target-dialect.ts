import type { DialectName, DialectRules } from "@retort/core";
import { mysqlRules, postgresRules, sqliteRules } from "@retort/dialects";
import { UnsupportedDataSourceTypeError } from "../errors";

export type DialectFamily = DialectRules["family"];

export interface TargetDialect {
  readonly family: DialectFamily;
  readonly dialect: DialectName;
}

/** TypeORM DataSource types retort models, by the family of their SQL (docs/reference.md §1). */
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

/** Each family's rules: the same objects introspection uses, so both models match. */
const RULES: Readonly<Record<DialectFamily, DialectRules>> = {
  postgres: postgresRules,
  mysql: mysqlRules,
  sqlite: sqliteRules,
};

export function rulesFor(family: DialectFamily): DialectRules {
  return RULES[family];
}
