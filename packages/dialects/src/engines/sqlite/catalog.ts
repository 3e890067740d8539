import type { Queryable } from "@retort/core";
import { createHash } from "node:crypto";
import type { EngineCatalog } from "../engine";

export const sqliteCatalog: EngineCatalog = {
  tableExistsQuery: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
  catalogStamp: sqliteCatalogStamp,
};

/**
 * A digest of `sqlite_master` (every object's CREATE statement): introspection reads
 * only the main schema's objects and what their statements declare (the pragmas derive
 * from them), so the same statements are the same schema. Not the schema cookie alone:
 * a database file made again may count its changes to the same number.
 */
async function sqliteCatalogStamp(db: Queryable): Promise<string | null> {
  const rows = await db.query<Record<string, unknown>>("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  return createHash("sha256").update(JSON.stringify(rows.map((r) => [r.type, r.name, r.tbl_name, r.sql]))).digest("hex");
}
