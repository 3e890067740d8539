import type { Queryable, SchemaModel } from "@retort/core";
import type { IntrospectOptions } from "../introspection/introspect-options";

export async function introspectMysql(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  void db;
  void options;
  throw new Error("introspectMysql: not written yet");
}
