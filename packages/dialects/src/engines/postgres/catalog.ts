import type { Queryable } from "@retort/core";
import type { EngineCatalog } from "../engine";

export const postgresCatalog: EngineCatalog = {
  // pg_class, not information_schema.tables: the latter hides tables the role has no
  // right on, which made `current` answer "<base>" for a database at a revision.
  tableExistsQuery:
    "SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')",
  catalogStamp: postgresCatalogStamp,
};

/**
 * The server's write-ahead log insert position. Every catalog change is logged (the
 * system catalogs are, even for temporary and unlogged tables), and its records are
 * inserted before it commits: a schema changed since the last reading moved it. Any
 * other write moves it too (then the catalog is read again, needlessly but correctly).
 * A standby has no insert position: null.
 */
async function postgresCatalogStamp(db: Queryable): Promise<string | null> {
  try {
    const rows = await db.query<{ lsn: string | null }>("SELECT pg_catalog.pg_current_wal_insert_lsn()::text AS lsn");
    return rows[0]?.lsn ?? null;
  } catch {
    return null;
  }
}
