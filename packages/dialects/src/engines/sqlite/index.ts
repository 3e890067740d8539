import { SQLITE_QUOTING } from "../../ddl/identifiers";
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
  migrationLock: sqliteMigrationLock,
} as const satisfies Engine;
