import type { DialectName } from "@retort/core";
import { parseConnectionUrl } from "@retort/dialects";
import { NoConnectionUrlError } from "./connection-url";

/**
 * `--sql` opens no connection: the dialect comes from the URL's scheme, or else the
 * model source (a DataSource's type, a Prisma datasource's provider; docs/reference.md §2).
 */
export function offlineDialect(url: string | undefined, sourceDialect: DialectName | null | undefined): DialectName {
  if (url) {
    if (/^mariadb:/i.test(url)) return "mariadb";
    const family = parseConnectionUrl(url).family;
    return family;
  }
  if (sourceDialect) return sourceDialect;
  throw new NoConnectionUrlError("`--sql` needs to know the dialect.");
}
