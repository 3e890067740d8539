import type { SchemaModel } from "@retort/core";
import { describeLine, describeOperations } from "@retort/compare";
import { expect } from "chai";
import { statesOf, type RoundtripCase } from "./generators";
import type { RoundtripSession } from "./roundtrip-session";
import { expectSameSchema } from "./schema-equality";
import type { SchemaSpec } from "./schema-spec";
import { deleteRows, insertRows, keepsRows, readSharedRows } from "./test-rows";

const EMPTY: SchemaSpec = { entities: [] };

/** Counts what a run did, for the report (`steps` = changes round-tripped). */
export interface RoundtripStats {
  cases: number;
  steps: number;
}

/** Adds what failed (the step, its migration) to an error, keeping its stack. */
function annotate(error: unknown, context: string): never {
  if (error instanceof Error) {
    error.message = `${error.message}\n--- ${context}`;
    throw error;
  }
  throw new Error(`${String(error)}\n--- ${context}`);
}

/**
 * One step of the property, from `from` (the database's current schema, `before` as
 * reflected) to `to`: autogen → upgrade head → check in sync → rows kept → downgrade -1
 * → the same reflected schema and rows as before → upgrade head again. Returns the
 * reflection after the final upgrade.
 */
export async function roundtripStep(session: RoundtripSession, from: SchemaSpec, to: SchemaSpec, before: SchemaModel, step: number): Promise<SchemaModel> {
  const family = session.target.family;
  if (keepsRows(from, to)) await insertRows(session.db, from, family);
  else await deleteRows(session.db, from, family);
  const rowsBefore = await readSharedRows(session.db, from, to, family);
  const generated = await session.autogen(to, `step ${step}`, before);
  expect(generated, "autogen found no operations for a changed entity set").not.to.equal(null);
  const context = `step ${step}, migration ${generated!.file}:\n${generated!.source}`;
  try {
    await session.upgrade("head");
    const upgraded = await session.reflect();
    const left = await session.diff(to, upgraded);
    const lines = describeOperations(left).map(describeLine);
    expect(lines, `check after upgrade head:\n${lines.join("\n")}\n`).to.deep.equal([]);
    expect(await readSharedRows(session.db, from, to, family), "rows after upgrade").to.deep.equal(rowsBefore);
    await session.downgrade("-1");
    expectSameSchema(await session.reflect(), before, "schema after downgrade -1");
    expect(await readSharedRows(session.db, from, to, family), "rows after downgrade").to.deep.equal(rowsBefore);
    await session.upgrade("head");
    const again = await session.reflect();
    expectSameSchema(again, upgraded, "schema after upgrading again");
    return again;
  } catch (error) {
    return annotate(error, context);
  }
}

/** The whole case on a reset database: base → initial set, then each change. */
export async function runCase(session: RoundtripSession, c: RoundtripCase, stats: RoundtripStats): Promise<void> {
  await session.reset();
  const states = statesOf(c, session.target.family);
  let from = EMPTY;
  let before = await session.reflect();
  for (const [step, to] of states.entries()) {
    before = await roundtripStep(session, from, to, before, step);
    from = to;
    stats.steps++;
  }
  stats.cases++;
}
