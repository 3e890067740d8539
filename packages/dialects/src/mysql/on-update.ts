/**
 * The `ON UPDATE` expression of a MySQL/MariaDB column, as information_schema.COLUMNS.EXTRA
 * reports it: MariaDB `on update current_timestamp(6)`, MySQL 8
 * `DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)`; `null` when there is none.
 * https://mariadb.com/kb/en/information-schema-columns-table/
 */
export function onUpdateInExtra(extra: string | null): string | null {
  const found = /\bon update\s+(\S+)/i.exec(extra ?? "");
  return found ? found[1]! : null;
}
