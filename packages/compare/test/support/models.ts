import { column, columnType, sortModel, table, type DialectName, type EnumTypeModel, type ForeignKeyModel, type SchemaModel, type TableModel } from "@retort/core";

const DEFAULT_SCHEMA: Readonly<Record<DialectName, string>> = { postgres: "public", mysql: "app", mariadb: "app", sqlite: "main" };

/** A complete model from tables and enums, in canonical order. */
export function model(dialect: DialectName, tables: readonly TableModel[], enums: readonly EnumTypeModel[] = []): SchemaModel {
  return sortModel({ dialect, defaultSchema: DEFAULT_SCHEMA[dialect], schemas: [], tables, enums, views: [] });
}

export function fk(name: string | null, columns: string[], referencedTable: string, referencedColumns: string[], fields: Partial<ForeignKeyModel> = {}): ForeignKeyModel {
  return {
    name,
    columns,
    referencedSchema: null,
    referencedTable,
    referencedColumns,
    onDelete: "NO ACTION",
    onUpdate: "NO ACTION",
    deferrable: null,
    ...fields,
  };
}

/** `user(id pk, email varchar(255))` and `post(id pk, user_id -> user.id)`, a small base to vary. */
export function userAndPost(extra: { user?: Partial<TableModel>; post?: Partial<TableModel> } = {}): TableModel[] {
  return [
    table("user", {
      columns: [column("id", "integer", { nullable: false }), column("email", columnType("varchar", { length: 255 }))],
      primaryKey: { name: "PK_user", columns: ["id"] },
      ...extra.user,
    }),
    table("post", {
      columns: [column("id", "integer", { nullable: false }), column("user_id", "integer")],
      primaryKey: { name: "PK_post", columns: ["id"] },
      foreignKeys: [fk("FK_post_user", ["user_id"], "user", ["id"])],
      ...extra.post,
    }),
  ];
}

/** Replaces one table of a list (by name). */
export function withTable(tables: readonly TableModel[], name: string, edit: (t: TableModel) => Partial<TableModel>): TableModel[] {
  return tables.map((t) => (t.name === name ? table(t.name, { ...t, ...edit(t) }) : t));
}

export { column, columnType, table };
