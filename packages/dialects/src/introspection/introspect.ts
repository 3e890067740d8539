import type { Queryable, SchemaModel } from "@retort/core";
import { engineFor } from "../engines/registry";
import type { IntrospectOptions } from "./introspect-options";

/** The live schema of `db`'s database, read by its engine (docs/architecture.md, "Engines"). */
export function introspect(db: Queryable, options: IntrospectOptions = {}): Promise<SchemaModel> {
  return engineFor(db.dialect).introspect(db, options);
}

/** See EngineCatalog.catalogStamp. */
export function catalogStamp(db: Queryable): Promise<string | null> {
  return engineFor(db.dialect).catalog.catalogStamp(db);
}
