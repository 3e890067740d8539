import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import type { TargetContext } from "@retort/testing";
import { createOperations, type Operations } from "../../src/ops";

/** A connection to the describe block's database and an `op` object on it. */
export interface OpsFixture {
  readonly db: Queryable;
  readonly op: Operations;
}

export function opsFixture(ctx: TargetContext): { get(): OpsFixture; open(): Promise<void>; close(): Promise<void> } {
  let fixture: OpsFixture | undefined;
  return {
    get() {
      if (!fixture) throw new Error("fixture not open");
      return fixture;
    },
    async open() {
      const db = await connect(ctx.db.url);
      fixture = { db, op: createOperations({ db, dialect: db.dialect }) };
    },
    async close() {
      await fixture?.db.close();
    },
  };
}

/** Quotes an identifier the way the dialect does, for assertions written as raw SQL. */
export function ident(db: Queryable, name: string): string {
  const q = db.dialect === "mysql" || db.dialect === "mariadb" ? "`" : '"';
  return `${q}${name.split(q).join(q + q)}${q}`;
}

export const placeholder = (db: Queryable, n: number) => (db.dialect === "postgres" ? `$${n}` : "?");

/** Runs `body` and returns the error it throws (fails when it does not throw). */
export async function failure(body: () => Promise<unknown>): Promise<Error> {
  try {
    await body();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}
