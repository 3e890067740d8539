import { MYSQL_QUOTING } from "../../ddl/identifiers";
import { introspectMysql } from "../../mysql/introspect-mysql";
import { mysqlRenderers } from "../../mysql/ddl/mysql-renderers";
import { mysqlRules } from "../../mysql/rules";
import { mysqlStoredViewDefinition } from "../../mysql/view-definition";
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
  rules: mysqlRules,
  renderers: mysqlRenderers,
  introspect: introspectMysql,
  storedViewDefinition: mysqlStoredViewDefinition,
  migrationLock: mysqlMigrationLock,
} as const;

export const mysqlEngine = { name: "mysql", ...mysqlFamily } as const satisfies Engine;
export const mariadbEngine = { name: "mariadb", ...mysqlFamily } as const satisfies Engine;
