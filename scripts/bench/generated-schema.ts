/**
 * A generated schema of N tables for benchmarks: about 8 columns each, a secondary
 * index, a unique constraint, a check, and a foreign key to the previous table.
 */
export type Family = "postgres" | "mysql" | "sqlite";

const q = (family: Family, name: string) => (family === "mysql" ? `\`${name}\`` : `"${name}"`);

export function tableName(i: number): string {
  return `bench_t${String(i).padStart(4, "0")}`;
}

/** CREATE statements for table i, in dependency order (FK to table i-1). */
export function createTableSql(family: Family, i: number): string {
  const t = tableName(i);
  const id = {
    postgres: `"id" serial PRIMARY KEY`,
    mysql: "`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY",
    sqlite: `"id" integer PRIMARY KEY AUTOINCREMENT`,
  }[family];
  const ts = family === "postgres" ? "timestamp" : "datetime";
  const parent = i > 0 ? `, CONSTRAINT ${q(family, `fk_${t}_parent`)} FOREIGN KEY (${q(family, "parent_id")}) REFERENCES ${q(family, tableName(i - 1))} (${q(family, "id")}) ON DELETE CASCADE` : "";
  const cols = [
    id,
    `${q(family, "name")} varchar(100) NOT NULL`,
    `${q(family, "email")} varchar(255) NOT NULL`,
    `${q(family, "status")} varchar(20) NOT NULL DEFAULT 'active'`,
    `${q(family, "amount")} numeric(10,2) NOT NULL DEFAULT 0`,
    `${q(family, "created_at")} ${ts} NOT NULL DEFAULT CURRENT_TIMESTAMP`,
    `${q(family, "parent_id")} integer NULL`,
    `${q(family, "note")} text NULL`,
  ];
  const constraints = `, CONSTRAINT ${q(family, `uq_${t}_email`)} UNIQUE (${q(family, "email")}), CONSTRAINT ${q(family, `ck_${t}_amount`)} CHECK (${q(family, "amount")} >= 0)${parent}`;
  const index = `CREATE INDEX ${q(family, `ix_${t}_name`)} ON ${q(family, t)} (${q(family, "name")})`;
  return `CREATE TABLE ${q(family, t)} (${cols.join(", ")}${constraints});\n${index};`;
}

export function schemaSql(family: Family, tables: number): string {
  return Array.from({ length: tables }, (_, i) => createTableSql(family, i)).join("\n");
}
