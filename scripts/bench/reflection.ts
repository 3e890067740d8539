import { CountingQueryable } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import type { TestTarget } from "@retort/testing";
import { createBenchDatabase } from "./setup-database";
import { medianMs } from "./measure";

export interface ReflectionFigure {
  readonly target: string;
  readonly tables: number;
  readonly reflectedTables: number;
  readonly medianMs: number;
  readonly queries: number;
}

/** Reflection time (median of 5 after a warm-up) and catalog query count for one size. */
export async function benchReflection(target: TestTarget, tables: number): Promise<ReflectionFigure> {
  const db = await createBenchDatabase(target, tables);
  try {
    const conn = await connect(db.url);
    try {
      let reflectedTables = 0;
      let queries = 0;
      const ms = await medianMs(5, async () => {
        const counting = new CountingQueryable(conn);
        const model = await introspect(counting);
        reflectedTables = model.tables.length;
        queries = counting.count;
      });
      return { target: target.name, tables, reflectedTables, medianMs: ms, queries };
    } finally {
      await conn.close();
    }
  } finally {
    await db.drop();
  }
}
