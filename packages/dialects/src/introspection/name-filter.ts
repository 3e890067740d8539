import type { IncludeName, ObjectType, ParentNames } from "@retort/core";

/** `includeName` (docs/reference.md §3a) with Alembic's parent names; accepts everything when absent. */
export class NameFilter {
  constructor(private readonly includeName: IncludeName | undefined) {}

  schema(name: string | null): boolean {
    return this.ask(name, "schema", null, null);
  }

  table(schema: string | null, table: string): boolean {
    return this.includeName?.(table, "table", parentNames(schema, null, table)) ?? true;
  }

  view(schema: string | null, view: string): boolean {
    return this.includeName?.(view, "view", parentNames(schema, null, view)) ?? true;
  }

  /** A column, index or constraint of `schema.table`. */
  member(name: string | null, type: ObjectType, schema: string | null, table: string): boolean {
    return this.ask(name, type, schema, table);
  }

  private ask(name: string | null, type: ObjectType, schema: string | null, table: string | null): boolean {
    return this.includeName?.(name, type, parentNames(schema, table, table)) ?? true;
  }
}

/** For a table itself `tableName` is null and `schemaQualifiedTableName` names the table, as in Alembic. */
function parentNames(schema: string | null, tableName: string | null, qualifiedOf: string | null): ParentNames {
  return {
    schemaName: schema,
    tableName,
    schemaQualifiedTableName: qualifiedOf === null ? null : schema === null ? qualifiedOf : `${schema}.${qualifiedOf}`,
  };
}
