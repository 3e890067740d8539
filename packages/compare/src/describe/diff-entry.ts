/** The `kind` words of `check --json` / `autogen --json` (docs/reference.md §3). */
export type DiffKind =
  | "add_table"
  | "remove_table"
  | "add_column"
  | "remove_column"
  | "modify_type"
  | "modify_nullable"
  | "modify_default"
  | "modify_comment"
  | "modify_on_update"
  | "modify_collation"
  | "modify_table_comment"
  | "add_index"
  | "remove_index"
  | "add_unique"
  | "remove_unique"
  | "add_fk"
  | "remove_fk"
  | "add_check"
  | "remove_check"
  | "add_pk"
  | "remove_pk"
  | "add_enum"
  | "remove_enum"
  | "modify_enum"
  | "add_view"
  | "remove_view"
  | "modify_view"
  | "add_extension"
  | "remove_extension"
  | "add_exclusion"
  | "remove_exclusion";

/**
 * One difference as `check --json` prints it. `schema` is `null` for the default schema;
 * `column` is set only for column kinds; indexes, constraints, enums and views carry their name
 * in `name`. `details` holds `before` and/or `after` (JSON values).
 */
export interface DiffEntry {
  readonly kind: DiffKind;
  readonly schema: string | null;
  readonly table: string | null;
  readonly column: string | null;
  readonly name: string | null;
  readonly details: DiffDetails;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface DiffDetails {
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly [key: string]: JsonValue | undefined;
}
