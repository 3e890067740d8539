import type { DialectName } from "@retort/core";
import { parseConnectionUrl } from "@retort/dialects";
import { NoConnectionUrlError } from "./connection-url";

const BY_DATA_SOURCE_TYPE: Record<string, DialectName> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

/**
 * `--sql` opens no connection: the dialect comes from the URL's scheme, or else the
 * DataSource's type (docs/reference.md §2).
 */
export function offlineDialect(url: string | undefined, dataSourceType: string | undefined): DialectName {
  if (url) {
    if (/^mariadb:/i.test(url)) return "mariadb";
    const family = parseConnectionUrl(url).family;
    return family;
  }
  const fromType = dataSourceType ? BY_DATA_SOURCE_TYPE[dataSourceType] : undefined;
  if (fromType) return fromType;
  throw new NoConnectionUrlError("`--sql` needs to know the dialect.");
}
