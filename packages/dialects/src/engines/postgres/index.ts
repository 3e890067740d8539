import { POSTGRES_QUOTING } from "../../ddl/identifiers";
import type { Engine } from "../engine";
import { postgresCapabilities } from "./capabilities";
import { postgresCatalog } from "./catalog";
import { postgresMigrationLock } from "./lock";
import { postgresSession } from "./session";

export const postgresEngine = {
  name: "postgres",
  family: "postgres",
  capabilities: postgresCapabilities,
  quoting: POSTGRES_QUOTING,
  session: postgresSession,
  catalog: postgresCatalog,
  migrationLock: postgresMigrationLock,
} as const satisfies Engine;
