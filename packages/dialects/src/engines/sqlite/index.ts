import { SQLITE_QUOTING } from "../../ddl/identifiers";
import { introspectSqlite } from "../../sqlite/introspect-sqlite";
import { sqliteRenderers } from "../../sqlite/ddl/sqlite-renderers";
import { sqliteRules } from "../../sqlite/rules";
import { sqliteViewDefinition } from "../../sqlite/view-definition";
import type { Engine } from "../engine";
import { sqliteCapabilities } from "./capabilities";
import { sqliteCatalog } from "./catalog";
import { sqliteMigrationLock } from "./lock";
import { sqliteSession } from "./session";

export const sqliteEngine = {
  name: "sqlite",
  family: "sqlite",
  capabilities: sqliteCapabilities,
  quoting: SQLITE_QUOTING,
  session: sqliteSession,
  catalog: sqliteCatalog,
  rules: sqliteRules,
  renderers: sqliteRenderers,
  introspect: introspectSqlite,
  // SQLite keeps the text as written.
  storedViewDefinition: async (_db, definition) => sqliteViewDefinition(`CREATE VIEW v AS ${definition}`),
  migrationLock: sqliteMigrationLock,
} as const satisfies Engine;
