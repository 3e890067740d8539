import type { TableState } from "./table-state";

/** Tables by catalog schema, then name: routes each catalog row to its table in O(1). */
export class TableIndex {
  private readonly bySchema = new Map<string, Map<string, TableState>>();
  private readonly list: TableState[] = [];

  add(table: TableState): void {
    const { table_schema: schema, table_name: name } = table.row;
    let tables = this.bySchema.get(schema);
    if (!tables) this.bySchema.set(schema, (tables = new Map()));
    tables.set(name, table);
    this.list.push(table);
  }

  get(row: { table_schema: string; table_name: string }): TableState | undefined {
    return this.bySchema.get(row.table_schema)?.get(row.table_name);
  }

  all(): readonly TableState[] {
    return this.list;
  }
}
