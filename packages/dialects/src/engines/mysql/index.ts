import { MYSQL_QUOTING } from "../../ddl/identifiers";
import type { Engine } from "../engine";
import { mysqlCapabilities } from "./capabilities";
import { mysqlCatalog } from "./catalog";
import { mysqlMigrationLock } from "./lock";
import { mysqlSession } from "./session";

const mysqlFamily = {
  family: "mysql",
  capabilities: mysqlCapabilities,
  quoting: MYSQL_QUOTING,
  session: mysqlSession,
  catalog: mysqlCatalog,
  migrationLock: mysqlMigrationLock,
} as const;

export const mysqlEngine = { name: "mysql", ...mysqlFamily } as const satisfies Engine;
export const mariadbEngine = { name: "mariadb", ...mysqlFamily } as const satisfies Engine;
