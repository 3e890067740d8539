import type { ViewModel } from "@retort/core";
import type { Quoting } from "./identifiers";
import type { DdlRenderers } from "./render-context";
import { UnsupportedOperationError } from "./unsupported";

type ViewRenderers = Pick<DdlRenderers, "createView" | "dropView" | "replaceView" | "refreshMaterializedView">;

export interface ViewSqlOptions {
  /** Engine name for messages. */
  readonly engine: string;
  /** `CREATE OR REPLACE VIEW` is safe for any new definition (MySQL); elsewhere a change is drop + create. */
  readonly orReplace: boolean;
  /** PostgreSQL: materialized views, and the statement that creates one of their indexes. */
  readonly materialized?: (view: ViewModel) => readonly string[];
}

/**
 * The view DDL of one engine. A view is written `CREATE VIEW name AS <definition>`, the
 * definition as the model holds it (the entity's text, or what the engine stored).
 */
export function viewSql(q: Quoting, options: ViewSqlOptions): ViewRenderers {
  const name = (v: { schema: string | null; name: string }) => q.qualified(v.schema, v.name);
  const noMaterialized = (v: ViewModel): void => {
    if (v.materialized && !options.materialized)
      throw new UnsupportedOperationError(options.engine, `create materialized view "${v.name}"`, "Materialized views exist on PostgreSQL only.");
  };
  const create = (v: ViewModel): readonly string[] => {
    noMaterialized(v);
    if (v.materialized && options.materialized) return options.materialized(v);
    return [`CREATE VIEW ${name(v)} AS ${v.definition}`];
  };
  const drop = (v: ViewModel): string => `DROP ${v.materialized ? "MATERIALIZED " : ""}VIEW ${name(v)}`;
  return {
    createView: (op) => create(op.view),
    dropView: (op) => [drop(op.view)],
    replaceView: (op) => {
      const { from, to } = op.view;
      if (options.orReplace && !from.materialized && !to.materialized) return [`CREATE OR REPLACE VIEW ${name(to)} AS ${to.definition}`];
      return [drop(from), ...create(to)];
    },
    refreshMaterializedView: (op) => {
      if (!options.materialized)
        throw new UnsupportedOperationError(options.engine, `refresh materialized view "${op.name}"`, "Materialized views exist on PostgreSQL only.");
      return [`REFRESH MATERIALIZED VIEW ${name(op)}`];
    },
  };
}
