import { index, view, type ViewModel } from "@retort/core";
import type { TypeormDataSource, TypeormEntityMetadata } from "../typeorm-shapes";
import type { ConversionContext } from "./conversion-context";
import { modelSchema } from "./convert-table";

/**
 * A `@ViewEntity`'s view, with the SELECT TypeORM writes after `AS` (its `createViewSql`:
 * the string as given, or the query builder's `getQuery()`), trimmed. The definition is
 * the entity's own text: the comparison has the engine spell it as it stores views
 * (`storedViewDefinitions` in @retort/dialects). A materialized view's indexes are the
 * entity's `@Index`es, created after it on PostgreSQL only (`createNewViewIndices`).
 */
export function convertView(metadata: TypeormEntityMetadata, dataSource: TypeormDataSource, ctx: ConversionContext): ViewModel {
  const expression = metadata.expression;
  const definition = typeof expression === "function" ? expression(dataSource).getQuery() : (expression ?? "");
  const materialized = ctx.family === "postgres" && metadata.tableMetadataArgs.materialized === true;
  return view(metadata.tableName, definition.trim(), {
    schema: modelSchema(metadata, ctx),
    materialized,
    indexes: materialized
      ? metadata.indices
          .filter((i) => i.synchronize)
          .map((i) =>
            index(
              i.name,
              i.columns.map((c) => c.databaseName),
              { unique: i.isUnique, where: i.where ? ctx.rules.normalizeExpression(i.where, ctx.dialect) : null },
            ),
          )
      : [],
  });
}
