import type { EngineCatalog } from "../engine";

export const mysqlCatalog: EngineCatalog = {
  tableExistsQuery: "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
};
