import type { Queryable } from "@retort/core";
import { POSTGRES_QUOTING } from "../ddl/identifiers";

/**
 * A view definition as `pg_get_viewdef` prints it, made comparable: without the leading
 * space and the final `;` it adds. The server's text is otherwise kept as is: the entity
 * side is put through the same function (`postgresStoredViewDefinitions`), so both sides
 * spell the SELECT alike (docs/architecture.md, "Views").
 */
export function postgresViewDefinition(stored: string): string {
  return stored.trim().replace(/;$/, "").trim();
}

/**
 * The entity's definition as PostgreSQL would store it: created as a temporary view (only
 * this session sees it, and it is dropped straight away), read back with `pg_get_viewdef`.
 * `null` when the server refuses it (say it reads a column that does not exist yet): the
 * view cannot be unchanged then.
 */
export async function postgresStoredViewDefinition(db: Queryable, definition: string, probe: string): Promise<string | null> {
  const name = POSTGRES_QUOTING.ident(probe);
  try {
    await db.query(`CREATE TEMPORARY VIEW ${name} AS ${definition}`);
  } catch {
    return null;
  }
  try {
    const [row] = await db.query<{ definition: string }>(`SELECT pg_get_viewdef(${POSTGRES_QUOTING.literal(`pg_temp.${name}`)}::regclass) AS definition`);
    return row ? postgresViewDefinition(row.definition) : null;
  } finally {
    await db.query(`DROP VIEW IF EXISTS pg_temp.${name}`);
  }
}
