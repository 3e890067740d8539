import { columnAfter, type AlterColumnOp } from "@retort/core";
import { MYSQL_QUOTING as q } from "../../ddl/identifiers";
import type { RenderContext } from "../../ddl/render-context";
import { MissingExistingColumnError, UNKNOWN_TYPE_NAME } from "../../ddl/unsupported";
import { mysqlColumnDefinition } from "./mysql-column";
import { mysqlDefault } from "./mysql-default";

/**
 * alterColumn on MySQL/MariaDB. A lone rename or default change has its own clause;
 * anything else is `MODIFY` (or `CHANGE` with a rename) restating the whole column from
 * `existing` plus the changes, so the type changes in place and rows stay.
 */
export function alterMysqlColumn(op: AlterColumnOp, ctx: RenderContext): string[] {
  const table = `ALTER TABLE ${q.qualified(op.schema, op.table)}`;
  const col = q.ident(op.column);
  const changed = Object.keys(op.changes).filter((k) => op.changes[k as keyof typeof op.changes] !== undefined);
  if (changed.length === 1 && op.changes.name)
    return [`${table} RENAME COLUMN ${col} TO ${q.ident(op.changes.name.to)}`];
  if (changed.length === 1 && op.changes.default) {
    const to = op.changes.default.to;
    return [`${table} ALTER COLUMN ${col} ${to === null ? "DROP DEFAULT" : `SET DEFAULT ${mysqlDefault(to)}`}`];
  }
  if (changed.length === 0) return [];
  if (op.existing.type.name === UNKNOWN_TYPE_NAME) throw new MissingExistingColumnError(op.table, op.column);
  const after = mysqlColumnDefinition(columnAfter(op.existing, op.changes), ctx);
  return [op.changes.name ? `${table} CHANGE COLUMN ${col} ${after}` : `${table} MODIFY COLUMN ${after}`];
}
