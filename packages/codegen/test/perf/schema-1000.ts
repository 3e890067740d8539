import { column, columnType, index, table, type Operation, type TableModel } from "@retort/core";

/** An initial migration of `count` tables shaped like a real app's: keys, FKs, uniques, indexes. */
export function initialMigration(count: number): Operation[] {
  const tables: TableModel[] = [];
  for (let i = 0; i < count; i++) {
    const name = `entity_${String(i).padStart(4, "0")}`;
    const parent = i > 0 ? `entity_${String(i - 1).padStart(4, "0")}` : null;
    tables.push(
      table(name, {
        columns: [
          column("id", "integer", { nullable: false, autoIncrement: "identity-by-default" }),
          column("name", columnType("varchar", { length: 255 }), { nullable: false }),
          column("slug", columnType("varchar", { length: 100 }), { nullable: false }),
          column("description", "text"),
          column("price", columnType("numeric", { precision: 10, scale: 2 }), { default: "0" }),
          column("active", "boolean", { nullable: false, default: "true" }),
          column("created_at", columnType("timestamptz", { precision: 3 }), { nullable: false, default: "CURRENT_TIMESTAMP" }),
          column("parent_id", "integer"),
        ],
        primaryKey: { name: `${name}_pkey`, columns: ["id"] },
        uniques: [{ name: `${name}_slug_key`, columns: ["slug"], deferrable: null }],
        indexes: [index(`ix_${name}_name`, ["name"]), index(`ix_${name}_created`, ["created_at", "active"])],
        foreignKeys: parent
          ? [
              {
                name: `fk_${name}_parent`,
                columns: ["parent_id"],
                referencedSchema: null,
                referencedTable: parent,
                referencedColumns: ["id"],
                onDelete: "SET NULL",
                onUpdate: "NO ACTION",
                deferrable: null,
              },
            ]
          : [],
      }),
    );
  }
  return tables.map((t) => ({ kind: "createTable", table: t }));
}
