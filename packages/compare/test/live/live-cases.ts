import type { TestTarget } from "@retort/testing";
import type { DiffKind } from "../../src";
import type { Shape } from "./shape-ddl";

export type Family = TestTarget["family"];

export interface LiveCase {
  readonly title: string;
  /** The database side; the entity side is BASE_SHAPE with `target` applied. */
  readonly actual?: Partial<Shape>;
  readonly target: Partial<Shape>;
  readonly kinds: readonly DiffKind[];
  /** Kinds when the two sides are swapped. */
  readonly reverse: readonly DiffKind[];
  readonly families?: readonly Family[];
  /** Per-family expectations where an engine behaves differently. */
  readonly kindsBy?: Partial<Record<Family, { kinds: readonly DiffKind[]; reverse: readonly DiffKind[] }>>;
}

export const CASES: readonly LiveCase[] = [
  { title: "a new table", target: { tagTable: true }, kinds: ["add_table"], reverse: ["remove_table"] },
  { title: "a new column", target: { nameColumn: true }, kinds: ["add_column"], reverse: ["remove_column"] },
  {
    title: "a type change on both sides of a foreign key",
    target: { idType: "bigint" },
    kinds: ["modify_type", "modify_type"],
    reverse: ["modify_type", "modify_type"],
    // MySQL will not retype a column a key uses: the key goes first and comes back after.
    kindsBy: { mysql: { kinds: ["remove_fk", "modify_type", "modify_type", "add_fk"], reverse: ["remove_fk", "modify_type", "modify_type", "add_fk"] } },
  },
  { title: "a type change", target: { emailType: "varchar(320)" }, kinds: ["modify_type"], reverse: ["modify_type"] },
  { title: "a nullability change", target: { emailNotNull: true }, kinds: ["modify_nullable"], reverse: ["modify_nullable"] },
  { title: "a default change", target: { emailDefault: "'none'" }, kinds: ["modify_default"], reverse: ["modify_default"] },
  {
    title: "type and nullability at once (one entry each)",
    target: { emailType: "text", emailNotNull: true },
    kinds: ["modify_type", "modify_nullable"],
    reverse: ["modify_type", "modify_nullable"],
  },
  { title: "a column comment", target: { emailComment: "it's the login" }, kinds: ["modify_comment"], reverse: ["modify_comment"], families: ["postgres", "mysql"] },
  { title: "a table comment", target: { tableComment: "people's accounts" }, kinds: ["modify_table_comment"], reverse: ["modify_table_comment"], families: ["postgres", "mysql"] },
  { title: "an index", target: { index: { columns: ["email"], unique: false, where: null } }, kinds: ["add_index"], reverse: ["remove_index"] },
  {
    title: "an index on other columns",
    actual: { index: { columns: ["email"], unique: false, where: null } },
    target: { index: { columns: ["email", "age"], unique: false, where: null } },
    kinds: ["remove_index", "add_index"],
    reverse: ["remove_index", "add_index"],
  },
  {
    title: "a partial index's predicate",
    actual: { index: { columns: ["email"], unique: false, where: "age > 0" } },
    target: { index: { columns: ["email"], unique: false, where: "age > 1" } },
    kinds: ["remove_index", "add_index"],
    reverse: ["remove_index", "add_index"],
    families: ["postgres", "sqlite"],
  },
  { title: "a unique constraint", target: { unique: ["email"] }, kinds: ["add_unique"], reverse: ["remove_unique"] },
  {
    title: "a unique constraint on other columns",
    actual: { unique: ["email"] },
    target: { unique: ["email", "age"] },
    kinds: ["remove_unique", "add_unique"],
    reverse: ["remove_unique", "add_unique"],
  },
  { title: "a check constraint", target: { check: "age > 0" }, kinds: ["add_check"], reverse: ["remove_check"] },
  { title: "a changed check", actual: { check: "age > 0" }, target: { check: "age > 18" }, kinds: ["remove_check", "add_check"], reverse: ["remove_check", "add_check"] },
  {
    title: "a foreign key",
    actual: { foreignKey: null },
    target: {},
    kinds: ["add_fk"],
    reverse: ["remove_fk"],
    // InnoDB keeps the index it made for the key; nothing else needs it, so it goes too.
    kindsBy: { mysql: { kinds: ["add_fk"], reverse: ["remove_fk", "remove_index"] } },
  },
  {
    title: "an index on a foreign key's column",
    actual: {},
    target: { postIndex: true },
    kinds: ["add_index"],
    reverse: ["remove_index"],
    // MySQL will not drop the index a key uses: the key goes first and comes back after.
    kindsBy: { mysql: { kinds: ["add_index"], reverse: ["remove_fk", "remove_index", "add_fk"] } },
  },
  { title: "a foreign key's ON DELETE", target: { foreignKey: { onDelete: "SET NULL" } }, kinds: ["remove_fk", "add_fk"], reverse: ["remove_fk", "add_fk"] },
  { title: "a primary key", actual: { itemKey: null }, target: {}, kinds: ["add_pk"], reverse: ["remove_pk"] },
  { title: "a primary key on other columns", target: { itemKey: ["a", "b"] }, kinds: ["remove_pk", "add_pk"], reverse: ["remove_pk", "add_pk"] },
  { title: "a new enum type", actual: {}, target: { mood: ["sad", "ok"] }, kinds: ["add_enum", "add_column"], reverse: ["remove_column", "remove_enum"], families: ["postgres"] },
  {
    title: "an added enum value",
    actual: { mood: ["sad", "ok"] },
    target: { mood: ["sad", "ok", "happy"] },
    kinds: ["modify_enum"],
    reverse: ["modify_enum"],
    kindsBy: { mysql: { kinds: ["modify_type"], reverse: ["modify_type"] } },
    families: ["postgres", "mysql"],
  },
  {
    title: "reordered enum values",
    actual: { mood: ["sad", "ok"] },
    target: { mood: ["ok", "sad"] },
    kinds: ["modify_enum"],
    reverse: ["modify_enum"],
    kindsBy: { mysql: { kinds: ["modify_type"], reverse: ["modify_type"] } },
    families: ["postgres", "mysql"],
  },
];

