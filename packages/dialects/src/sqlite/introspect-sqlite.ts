import type { Queryable, SchemaModel } from "@retort/core";
import type { IntrospectOptions } from "../introspection/introspect-options";

export async function introspectSqlite(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  void db;
  void options;
  throw new Error("introspectSqlite: not written yet");
}
