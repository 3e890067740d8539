import type { DialectName, Queryable, TableRef } from "@retort/core";
import { quotingFor, runsOfSameKeys } from "@retort/dialects";

/** PostgreSQL allows 65535 bind parameters per statement; stay well below every engine's limit. */
const MAX_PARAMS = 30000;
/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766 since 3.32 (999 before). */
const MAX_PARAMS_SQLITE = 999;

/**
 * What each driver can bind: better-sqlite3 takes no booleans, Dates or objects; mysql2
 * would expand an object into `key = value` pairs. JSON-ish values go as JSON text.
 */
function bindable(value: unknown, dialect: DialectName): unknown {
  if (value === undefined) return null;
  if (dialect === "postgres") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return dialect === "sqlite" ? value.toISOString() : value;
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

type Row = Readonly<Record<string, unknown>>;

/**
 * Inserts rows with bound parameters, in as few statements as the parameter limit allows.
 * A key missing from a row means the column's default: `DEFAULT` in the VALUES list on
 * PostgreSQL and MySQL; SQLite has no such keyword, so rows are sent in runs that share
 * the same keys (keeping their order).
 */
export async function bulkInsertOnline(db: Queryable, ref: TableRef, rows: readonly Row[]): Promise<void> {
  if (db.dialect !== "sqlite") return insertRows(db, ref, rows);
  for (const run of runsOfSameKeys(rows)) await insertRows(db, ref, run);
}

async function insertRows(db: Queryable, ref: TableRef, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const q = quotingFor(db.dialect);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const limit = db.dialect === "sqlite" ? MAX_PARAMS_SQLITE : MAX_PARAMS;
  const perStatement = Math.max(1, Math.floor(limit / columns.length));
  const head = `INSERT INTO ${q.qualified(ref.schema, ref.table)} (${columns.map(q.ident).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((c) => {
        if (!(c in row)) return "DEFAULT";
        params.push(bindable(row[c], db.dialect));
        return db.dialect === "postgres" ? `$${params.length}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    await db.query(head + tuples.join(", "), params);
  }
}
