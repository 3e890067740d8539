import type { Queryable, SchemaModel } from "@retort/core";
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

export { columnOf, tableOf } from "../support/model-lookup";
