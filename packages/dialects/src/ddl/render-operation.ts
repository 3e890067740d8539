import type { DialectName, Operation } from "@retort/core";
import { mysqlRenderers } from "../mysql/ddl/mysql-renderers";
import { postgresRenderers } from "../postgres/ddl/postgres-renderers";
import { sqliteRenderers } from "../sqlite/ddl/sqlite-renderers";
import type { DdlRenderers, RenderContext } from "./render-context";
import { renderWith } from "./render-with";

export function renderersFor(dialect: DialectName): DdlRenderers {
  switch (dialect) {
    case "postgres":
      return postgresRenderers;
    case "mysql":
    case "mariadb":
      return mysqlRenderers;
    case "sqlite":
      return sqliteRenderers;
  }
}

/** The SQL statements that perform `op` on the context's dialect. */
export function renderOperation(op: Operation, ctx: RenderContext): readonly string[] {
  return renderWith(renderersFor(ctx.dialect), op, ctx);
}
