import { renderedDefault, type ColumnModel } from "@retort/core";
import { MYSQL_QUOTING as q } from "../../ddl/identifiers";
import type { RenderContext } from "../../ddl/render-context";
import { mysqlDefault } from "./mysql-default";
import { formatMysqlType } from "./mysql-types";

/**
 * The whole column as CREATE TABLE, ADD, MODIFY and CHANGE write it: MySQL forgets any
 * attribute a MODIFY leaves out, so this is always the complete definition.
 */
export function mysqlColumnDefinition(c: ColumnModel, ctx: RenderContext): string {
  const parts = [q.ident(c.name), formatMysqlType(c.type, ctx)];
  if (c.collation !== null) parts.push(`COLLATE ${c.collation}`);
  if (c.generated !== null)
    parts.push(`GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? "STORED" : "VIRTUAL"}`);
  else parts.push(c.nullable ? "NULL" : "NOT NULL");
  if (c.default !== null && c.generated === null) parts.push(`DEFAULT ${mysqlDefault(renderedDefault(c) ?? c.default)}`);
  if (c.onUpdate !== null) parts.push(`ON UPDATE ${c.onUpdate}`);
  if (c.autoIncrement !== null) parts.push("AUTO_INCREMENT");
  if (c.comment !== null) parts.push(`COMMENT ${q.literal(c.comment)}`);
  return parts.join(" ");
}
