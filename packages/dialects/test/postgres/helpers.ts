import type { Queryable, SchemaModel, TableModel } from "@retort/core";
import { connect, introspect, type IntrospectOptions } from "../../src";

/** One connection for a describe block: opened in `before`, closed in `after`. */
export function sharedConnection(url: () => string): {
  readonly db: Queryable;
  open(): Promise<void>;
  close(): Promise<void>;
} {
  let db: Queryable | undefined;
  return {
    get db(): Queryable {
      if (!db) throw new Error("connection not open: call open() in a before hook");
      return db;
    },
    async open() {
      db = await connect(url());
    },
    async close() {
      await db?.close();
    },
  };
}

export async function runAll(db: Queryable, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await db.query(sql);
}

export function reflect(db: Queryable, options: IntrospectOptions = {}): Promise<SchemaModel> {
  return introspect(db, options);
}

export function tableOf(model: SchemaModel, name: string, schema: string | null = null): TableModel {
  const found = model.tables.find((t) => t.name === name && t.schema === schema);
  if (!found)
    throw new Error(`table ${schema ?? ""}.${name} not reflected; got ${model.tables.map((t) => t.name).join(", ")}`);
  return found;
}

export function columnOf(model: SchemaModel, tableName: string, columnName: string, schema: string | null = null) {
  const found = tableOf(model, tableName, schema).columns.find((c) => c.name === columnName);
  if (!found) throw new Error(`column ${tableName}.${columnName} not reflected`);
  return found;
}
