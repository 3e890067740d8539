import type { Queryable } from "@retort/core";
import type { ColumnSpec, Family, SchemaSpec } from "./schema-spec";

/** Rows each table gets before a change: two, with distinct values in every column (unique ones too). */
export const ROWS_PER_TABLE = 2;

export type TableRows = Readonly<Record<string, readonly Record<string, unknown>[]>>;

function quoteIdent(name: string, family: Family): string {
  return family === "mysql" ? `\`${name.replace(/`/g, "``")}\`` : `"${name.replace(/"/g, '""')}"`;
}

const quoteText = (s: string, family: Family): string => `'${(family === "mysql" ? s.replace(/\\/g, "\\\\") : s).replace(/'/g, "''")}'`;

function literal(c: ColumnSpec, row: number, family: Family): string {
  switch (c.kind) {
    case "int":
      return String(row + 1);
    case "bigint":
      return String(1_000_000_000_001 + row);
    case "varchar":
      return quoteText(`v${row}`, family);
    case "text":
      return quoteText(`text ${row}`, family);
    case "boolean":
      if (family === "postgres") return row % 2 === 0 ? "TRUE" : "FALSE";
      return row % 2 === 0 ? "1" : "0";
    case "decimal":
      return String(row + 1);
    case "timestamp":
      return quoteText(`2020-01-0${row + 1} 10:00:00`, family);
    case "enum":
      return quoteText(c.enumValues[row % c.enumValues.length]!, family);
  }
}

export async function deleteRows(db: Queryable, spec: SchemaSpec, family: Family): Promise<void> {
  for (const e of spec.entities) await db.query(`DELETE FROM ${quoteIdent(e.name, family)}`);
}

/** Empties every table of the spec, then inserts fresh rows (foreign keys left NULL: any delete order works). */
export async function insertRows(db: Queryable, spec: SchemaSpec, family: Family): Promise<void> {
  await deleteRows(db, spec, family);
  for (const e of spec.entities) {
    for (let row = 0; row < ROWS_PER_TABLE; row++) {
      const names = e.columns.map((c) => quoteIdent(c.name, family));
      const values = e.columns.map((c) => literal(c, row, family));
      const sql =
        names.length === 0
          ? family === "mysql"
            ? `INSERT INTO ${quoteIdent(e.name, family)} () VALUES ()`
            : `INSERT INTO ${quoteIdent(e.name, family)} DEFAULT VALUES`
          : `INSERT INTO ${quoteIdent(e.name, family)} (${names.join(", ")}) VALUES (${values.join(", ")})`;
      await db.query(sql);
    }
  }
}

/** Values as text: a widened column may come back from the driver as another JS type (PostgreSQL's bigint as a string). */
function comparable(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString("hex");
  return String(v);
}

/**
 * The rows of the tables `from` and `to` share, restricted to the columns both declare:
 * what a data-preserving change must keep, in both directions.
 */
export async function readSharedRows(db: Queryable, from: SchemaSpec, to: SchemaSpec, family: Family): Promise<TableRows> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const e of from.entities) {
    const other = to.entities.find((x) => x.name === e.name);
    if (!other) continue;
    const shared = e.columns.filter((c) => other.columns.some((o) => o.name === c.name)).map((c) => c.name);
    const list = ["id", ...shared].map((n) => quoteIdent(n, family)).join(", ");
    const rows = await db.query<Record<string, unknown>>(`SELECT ${list} FROM ${quoteIdent(e.name, family)} ORDER BY ${quoteIdent("id", family)}`);
    out[e.name] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, comparable(v)])));
  }
  return out;
}

/**
 * Whether a change keeps rows in both directions. Adding a column (in an upgrade, or a
 * downgrade re-adding a dropped one) fills every row with its default: no engine (nor
 * Alembic) can do that for a NOT NULL column without a default, nor for a unique column
 * with a default (the rows would collide). Such a step runs on empty tables.
 */
export function keepsRows(from: SchemaSpec, to: SchemaSpec): boolean {
  return addsFillableColumns(from, to) && addsFillableColumns(to, from);
}

/** Whether every column `to` has and `from` lacks (in a table both have) can be added to rows. */
function addsFillableColumns(from: SchemaSpec, to: SchemaSpec): boolean {
  return to.entities.every((e) => {
    const old = from.entities.find((x) => x.name === e.name);
    if (!old) return true;
    const inUnique = (c: ColumnSpec): boolean => c.unique || e.indexes.some((i) => i.kind !== "index" && i.columns.includes(c.name));
    const fillable = (c: ColumnSpec): boolean => (c.defaultChoice === null ? c.nullable : !inUnique(c));
    return e.columns.every((c) => old.columns.some((o) => o.name === c.name) || fillable(c));
  });
}
