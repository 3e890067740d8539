import { column, type AlterColumnOp, type ColumnModel, type Queryable } from "@retort/core";
import { engineFor, onUpdateInExtra, parseOpType, parsePortableType, UNKNOWN_TYPE_NAME } from "@retort/dialects";

interface MysqlColumnRow {
  column_type: string;
  is_nullable: string;
  column_default: string | null;
  extra: string;
  column_comment: string;
  collation_name: string | null;
  table_collation: string | null;
}

interface PostgresColumnRow {
  type: string;
  not_null: boolean;
  default_sql: string | null;
  comment: string | null;
}

/**
 * Whether rendering `op` needs facts about the column that the migration did not carry:
 * MySQL restates the whole column, PostgreSQL moves a default around a type change.
 */
export function needsLiveColumn(op: AlterColumnOp, dialect: Queryable["dialect"]): boolean {
  if (op.existing.type.name !== UNKNOWN_TYPE_NAME) return false;
  switch (engineFor(dialect).family) {
    case "postgres":
      // A collation is set with the type (`TYPE t COLLATE c`), so it needs the type too.
      return op.changes.type !== undefined || op.changes.collation !== undefined;
    case "mysql": {
      const changed = Object.values(op.changes).filter((v) => v !== undefined).length;
      return !(changed === 1 && (op.changes.name || op.changes.default));
    }
    case "sqlite":
      return false;
  }
}

/** The op with `existing` (and each change's `from`) read from the live column. */
export async function withLiveColumn(db: Queryable, op: AlterColumnOp): Promise<AlterColumnOp> {
  const existing = db.dialect === "postgres" ? await readPostgresColumn(db, op) : await readMysqlColumn(db, op);
  if (!existing) return op;
  const from = <K extends keyof ColumnModel>(k: K) => existing[k];
  const c = op.changes;
  return {
    ...op,
    existing,
    changes: {
      ...(c.type ? { type: { ...c.type, from: from("type") } } : {}),
      ...(c.nullable ? { nullable: { ...c.nullable, from: from("nullable") } } : {}),
      ...(c.default ? { default: { ...c.default, from: from("default") } } : {}),
      ...(c.comment ? { comment: { ...c.comment, from: from("comment") } } : {}),
      ...(c.name ? { name: c.name } : {}),
      ...(c.autoIncrement ? { autoIncrement: { ...c.autoIncrement, from: from("autoIncrement") } } : {}),
      ...(c.onUpdate ? { onUpdate: { ...c.onUpdate, from: from("onUpdate") } } : {}),
      ...(c.collation ? { collation: { ...c.collation, from: from("collation") } } : {}),
    },
  };
}

async function readPostgresColumn(db: Queryable, op: AlterColumnOp): Promise<ColumnModel | null> {
  const rows = await db.query<PostgresColumnRow>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default_sql, col_description(a.attrelid, a.attnum) AS comment
     FROM pg_attribute a
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    [op.schema === null ? quotePg(op.table) : `${quotePg(op.schema)}.${quotePg(op.table)}`, op.column],
  );
  const r = rows[0];
  if (!r) return null;
  return column(op.column, parseOpType(r.type, "postgres"), {
    nullable: !r.not_null,
    default: r.default_sql,
    comment: r.comment,
  });
}

const quotePg = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function readMysqlColumn(db: Queryable, op: AlterColumnOp): Promise<ColumnModel | null> {
  const rows = await db.query<MysqlColumnRow>(
    `SELECT c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default,
            c.EXTRA AS extra, c.COLUMN_COMMENT AS column_comment, c.COLLATION_NAME AS collation_name,
            t.TABLE_COLLATION AS table_collation
     FROM information_schema.COLUMNS c
     JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
     WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?`,
    [op.schema, op.table, op.column],
  );
  const r = rows[0];
  if (!r) return null;
  return column(op.column, parsePortableType(r.column_type), {
    nullable: r.is_nullable === "YES",
    default: mysqlDefault(db.dialect, r),
    autoIncrement: /auto_increment/i.test(r.extra) ? "auto-increment" : null,
    comment: r.column_comment === "" ? null : r.column_comment,
    collation: r.collation_name !== null && r.collation_name !== r.table_collation ? r.collation_name : null,
    onUpdate: onUpdateInExtra(r.extra),
  });
}

/**
 * MariaDB (10.2.7+) shows COLUMN_DEFAULT as SQL (`'abc'`, `NULL`, `current_timestamp()`);
 * MySQL shows a literal's bare value and flags expressions with DEFAULT_GENERATED
 * (https://dev.mysql.com/doc/refman/8.0/en/information-schema-columns-table.html).
 */
function mysqlDefault(dialect: Queryable["dialect"], r: MysqlColumnRow): string | null {
  const d = r.column_default;
  if (d === null) return null;
  if (dialect === "mariadb") return d === "NULL" ? null : d;
  if (/DEFAULT_GENERATED/i.test(r.extra)) return /^current_timestamp/i.test(d) ? d : `(${d})`;
  return `'${d.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}
