import type { EngineCatalog } from "../engine";

export const postgresCatalog: EngineCatalog = {
  // pg_class, not information_schema.tables: the latter hides tables the role has no
  // right on, which made `current` answer "<base>" for a database at a revision.
  tableExistsQuery:
    "SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')",
};
