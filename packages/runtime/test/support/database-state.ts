import type { Queryable } from "@retort/core";

/** Names of the test tables (`t_…`) that exist, sorted. */
export async function testTables(db: Queryable): Promise<string[]> {
  const sql =
    db.dialect === "postgres"
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
      : db.dialect === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()";
  const rows = await db.query<{ name?: string; NAME?: string; TABLE_NAME?: string }>(sql);
  return rows
    .map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME))
    .filter((n) => n.startsWith("t_"))
    .sort();
}

/** Rows of the version table, sorted. */
export async function versionRows(db: Queryable, table = "retort_version"): Promise<string[]> {
  const q = db.dialect === "mysql" || db.dialect === "mariadb" ? "`" : '"';
  const rows = await db.query<{ version_num: string }>(`SELECT version_num FROM ${q}${table}${q}`);
  return rows.map((r) => r.version_num).sort();
}
