import type { SchemaModel } from "@retort/core";
import { expect } from "chai";

/**
 * The reflected schema with each table's columns in name order. A column a downgrade
 * re-adds comes back last: PostgreSQL cannot add a column at a position
 * (https://wiki.postgresql.org/wiki/Alter_column_position), so position is the one
 * fact a round trip cannot restore; everything else must be equal.
 */
export function withoutColumnOrder(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) })),
  };
}

/** The lines of `actual`'s JSON that differ from `expected`'s, for a readable failure through fast-check. */
export function jsonDiff(actual: unknown, expected: unknown): string {
  const a = JSON.stringify(actual, null, 1).split("\n");
  const e = JSON.stringify(expected, null, 1).split("\n");
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < e.length) {
    if (a[i] === e[j]) {
      i++;
      j++;
      continue;
    }
    const resync = e.indexOf(a[i]!, j);
    if (i < a.length && resync !== -1 && resync - j < 40) {
      for (; j < resync; j++) out.push(`- ${e[j]!.trim()}  (line ${j})`);
      continue;
    }
    if (i < a.length) out.push(`+ ${a[i++]!.trim()}  (line ${i})`);
    if (j < e.length && a[i] !== e[j]) out.push(`- ${e[j++]!.trim()}  (line ${j})`);
    if (out.length > 60) break;
  }
  return out.join("\n");
}

/** Deep equality of two reflected schemas up to column position, with a line diff as the message. */
export function expectSameSchema(actual: SchemaModel, expected: SchemaModel, what: string): void {
  const a = withoutColumnOrder(actual);
  const e = withoutColumnOrder(expected);
  if (JSON.stringify(a) === JSON.stringify(e)) return;
  expect(a, `${what} (+ actual, - expected):\n${jsonDiff(a, e)}\n`).to.deep.equal(e);
}
