/** The object kinds that `includeName` and `includeObject` are asked about (docs/reference.md §3a). */
export type ObjectType =
  | "schema"
  | "table"
  | "column"
  | "index"
  | "unique_constraint"
  | "foreign_key_constraint"
  | "check_constraint"
  | "exclusion_constraint"
  | "enum"
  | "view"
  | "extension";

export interface ParentNames {
  readonly schemaName: string | null;
  readonly tableName: string | null;
  /** `schema.table`, or the bare table name in the default schema. */
  readonly schemaQualifiedTableName: string | null;
}

/** Called before reflection: a name it rejects is never read from the catalog. */
export type IncludeName = (name: string | null, type: ObjectType, parentNames: ParentNames) => boolean;
