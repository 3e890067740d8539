import type { BulkInsertOp } from "@retort/core";
import type { Quoting } from "./identifiers";
import { sqlValue } from "./sql-values";

type Row = BulkInsertOp["rows"][number];

/**
 * INSERT statements with literal values, for `--sql`. A key missing from a row means the
 * column's default: `DEFAULT` where VALUES accepts it, else (SQLite) one statement per
 * run of rows sharing the same keys.
 */
export function bulkInsertSql(op: BulkInsertOp, q: Quoting, valuesAcceptDefault: boolean): string[] {
  const runs = valuesAcceptDefault ? [op.rows] : runsOfSameKeys(op.rows);
  return runs.filter((r) => r.length > 0).map((rows) => {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const values = rows.map((r) => `(${columns.map((c) => (c in r ? sqlValue(r[c], q) : "DEFAULT")).join(", ")})`);
    return `INSERT INTO ${q.qualified(op.schema, op.table)} (${columns.map(q.ident).join(", ")}) VALUES\n  ${values.join(",\n  ")}`;
  });
}

export function runsOfSameKeys(rows: readonly Row[]): Row[][] {
  const runs: Row[][] = [];
  let key = "";
  for (const row of rows) {
    const k = JSON.stringify(Object.keys(row).sort());
    if (runs.length === 0 || k !== key) runs.push([]);
    runs[runs.length - 1]!.push(row);
    key = k;
  }
  return runs;
}
