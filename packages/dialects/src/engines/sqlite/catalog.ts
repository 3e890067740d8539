import type { Queryable } from "@retort/core";
import { statSync } from "node:fs";
import type { EngineCatalog } from "../engine";

export const sqliteCatalog: EngineCatalog = {
  tableExistsQuery: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
  catalogStamp: sqliteCatalogStamp,
};

/**
 * The schema cookie, which SQLite moves at every schema change, with the database
 * file's identity, size and modification time: a file made again, or copied over this
 * one, may have counted its changes to the same number. (A digest of `sqlite_master`
 * was exact too, but cost 10–70 ms at 1,000 tables.) An in-memory database: null.
 */
async function sqliteCatalogStamp(db: Queryable): Promise<string | null> {
  const [cookie] = await db.query<{ schema_version: number }>("PRAGMA schema_version");
  const main = (await db.query<{ name: string; file: string }>("PRAGMA database_list")).find((d) => d.name === "main")?.file;
  if (cookie === undefined || !main) return null;
  try {
    const file = statSync(main, { bigint: true });
    return `${cookie.schema_version}:${file.dev}:${file.ino}:${file.size}:${file.mtimeNs}`;
  } catch {
    return null;
  }
}
