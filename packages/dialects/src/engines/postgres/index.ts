import { POSTGRES_QUOTING } from "../../ddl/identifiers";
import { introspectPostgres } from "../../postgres/introspect-postgres";
import { postgresRenderers } from "../../postgres/ddl/postgres-renderers";
import { postgresRules } from "../../postgres/rules";
import { postgresStoredViewDefinition } from "../../postgres/view-definition";
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
  rules: postgresRules,
  renderers: postgresRenderers,
  introspect: introspectPostgres,
  storedViewDefinition: postgresStoredViewDefinition,
  migrationLock: postgresMigrationLock,
} as const satisfies Engine;
