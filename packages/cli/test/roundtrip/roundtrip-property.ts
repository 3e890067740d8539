import type { SchemaModel } from "@retort/core";
import { describeLine, describeOperations } from "@retort/compare";
import { expect } from "chai";
import type { RoundtripCase } from "./generators";
import type { RoundtripSession } from "./roundtrip-session";
import { expectSameSchema } from "./schema-equality";
import type { SchemaSpec } from "./schema-spec";
import { deleteRows, insertRows, keepsRows, readSharedRows } from "./test-rows";

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

/** autogen → upgrade head → `check` finds nothing left. Returns the reflected schema, and the migration for failure messages. */
async function migrateTo(session: RoundtripSession, to: SchemaSpec, before: SchemaModel, step: number) {
  const generated = await session.autogen(to, `step ${step}`, before);
  expect(generated, "autogen found no operations for a changed entity set").not.to.equal(null);
  const context = `step ${step}, migration ${generated!.file}:\n${generated!.source}`;
  try {
    await session.upgrade("head");
    const upgraded = await session.reflect();
    const lines = describeOperations(await session.diff(to, upgraded)).map(describeLine);
    expect(lines, `check after upgrade head:\n${lines.join("\n")}\n`).to.deep.equal([]);
    return { upgraded, context };
  } catch (error) {
    return annotate(error, context);
  }
}

/**
 * One step of the property, from `from` (the database's current schema, `before` as
 * reflected) to `to`: autogen → upgrade head → check in sync → rows kept → downgrade -1
 * → the same reflected schema and rows as before. Unless it is the case's last step,
 * upgrades again and returns the schema the next step starts from.
 */
export async function roundtripStep(session: RoundtripSession, from: SchemaSpec, to: SchemaSpec, before: SchemaModel, step: number, last: boolean): Promise<SchemaModel> {
  const family = session.target.family;
  if (keepsRows(from, to)) await insertRows(session.db, from, family);
  else await deleteRows(session.db, from, family);
  const rowsBefore = await readSharedRows(session.db, from, to, family);
  const { upgraded, context } = await migrateTo(session, to, before, step);
  try {
    expect(await readSharedRows(session.db, from, to, family), "rows after upgrade").to.deep.equal(rowsBefore);
    await session.downgrade("-1");
    expectSameSchema(await session.reflect(), before, "schema after downgrade -1");
    expect(await readSharedRows(session.db, from, to, family), "rows after downgrade").to.deep.equal(rowsBefore);
    // Its check comes with the next step's autogen (compared against `upgraded`) and upgrade.
    if (!last) await session.upgrade("head");
    return upgraded;
  } catch (error) {
    return annotate(error, context);
  }
}

/**
 * The whole case on a reset database: base → the initial set (checked in sync; its
 * tables' creation and removal are round-tripped by the add/drop entity changes),
 * then each change round-tripped in turn.
 */
export async function runCase(session: RoundtripSession, c: RoundtripCase, stats: RoundtripStats): Promise<void> {
  await session.reset();
  const [initial, ...changed] = session.statesOf(c);
  let from = initial!;
  let before = (await migrateTo(session, from, await session.reflect(), 0)).upgraded;
  for (const [i, to] of changed.entries()) {
    before = await roundtripStep(session, from, to, before, i + 1, i === changed.length - 1);
    from = to;
    stats.steps++;
  }
  stats.cases++;
}
