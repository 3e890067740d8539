import type { Queryable, SchemaModel } from "@retort/core";
import { connect, introspect, type IntrospectOptions } from "../../src";

/** Runs DDL statements on the database at `url`, one round trip each. */
export async function runSql(url: string, statements: readonly string[]): Promise<void> {
  const db = await connect(url);
  try {
    for (const sql of statements) await db.query(sql);
  } finally {
    await db.close();
  }
}

export async function reflect(url: string, options: IntrospectOptions = {}): Promise<SchemaModel> {
  return withConnection(url, (db) => introspect(db, options));
}

export async function withConnection<T>(url: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export { columnOf, tableOf } from "../support/model-lookup";
