import type { EngineCatalog } from "../engine";

export const sqliteCatalog: EngineCatalog = {
  tableExistsQuery: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
};
