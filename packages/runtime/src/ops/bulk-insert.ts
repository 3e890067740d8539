import type { Queryable, TableRef } from "@retort/core";
import { engineFor, runsOfSameKeys } from "@retort/dialects";

type Row = Readonly<Record<string, unknown>>;

/**
 * Inserts rows with bound parameters, in as few statements as the parameter limit allows.
 * A key missing from a row means the column's default: `DEFAULT` in the VALUES list on
 * PostgreSQL and MySQL; SQLite has no such keyword, so rows are sent in runs that share
 * the same keys (keeping their order).
 */
export async function bulkInsertOnline(db: Queryable, ref: TableRef, rows: readonly Row[]): Promise<void> {
  if (engineFor(db.dialect).capabilities.defaultInValues) return insertRows(db, ref, rows);
  for (const run of runsOfSameKeys(rows)) await insertRows(db, ref, run);
}

async function insertRows(db: Queryable, ref: TableRef, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { quoting: q, capabilities, session } = engineFor(db.dialect);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const perStatement = Math.max(1, Math.floor(capabilities.maxBindParameters / columns.length));
  const head = `INSERT INTO ${q.qualified(ref.schema, ref.table)} (${columns.map(q.ident).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((c) => {
        if (!(c in row)) return "DEFAULT";
        params.push(session.bindValue(row[c]));
        return session.placeholder(params.length);
      });
      return `(${marks.join(", ")})`;
    });
    await db.query(head + tuples.join(", "), params);
  }
}
