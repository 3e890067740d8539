import type { EngineCatalog } from "../engine";

export const mysqlCatalog: EngineCatalog = {
  tableExistsQuery: "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
  // No cheap sign of a schema change: instant ALTERs leave the tables' times alone, and the statement counters miss stored programs.
  catalogStamp: async () => null,
};
