import type { DmmfField } from "./dmmf";

/** `provider = "mysql"` serves MySQL and MariaDB: the model is built for the one connected to. */
export type PrismaDialect = "postgres" | "sqlite" | "mysql" | "mariadb";

export const isMysqlFamily = (dialect: PrismaDialect): dialect is "mysql" | "mariadb" => dialect === "mysql" || dialect === "mariadb";

/**
 * The SQL type Prisma Migrate writes for a scalar field (Prisma's documented type mapping,
 * see README.md "Prisma schemas"): `String` → `text` on PostgreSQL, `TEXT` on SQLite,
 * `VARCHAR(191)` on MySQL, … A `@db.*` native type wins over the default mapping.
 * `enumSql` gives an enum field's type: a named type on PostgreSQL, an inline
 * `enum('A','B')` on MySQL.
 */
export function sqlTypeOf(field: DmmfField, dialect: PrismaDialect, enumSql: (name: string) => string): string {
  const list = field.isList ? "[]" : "";
  if (field.kind === "enum") return (dialect === "sqlite" ? "text" : enumSql(field.type)) + list;
  if (field.nativeType) return nativeTypeSql(field.nativeType) + list;
  const mapped = (dialect === "postgres" ? POSTGRES_TYPES : dialect === "sqlite" ? SQLITE_TYPES : MYSQL_TYPES)[field.type];
  if (!mapped) throw new Error(`no ${dialect} type for Prisma type ${field.type} on field ${field.name}`);
  return mapped + list;
}

const POSTGRES_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "decimal(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

const SQLITE_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "real",
  Decimal: "decimal",
  Boolean: "boolean",
  DateTime: "datetime",
  Json: "jsonb",
  Bytes: "blob",
};

/**
 * Prisma's documented MySQL mapping (no WebAssembly oracle exists for MySQL: these are
 * pinned by applying the model with retort on MariaDB, README.md "Prisma schemas").
 */
const MYSQL_TYPES: Record<string, string> = {
  String: "varchar(191)",
  Int: "int",
  BigInt: "bigint",
  Float: "double",
  Decimal: "decimal(65,30)",
  Boolean: "boolean",
  DateTime: "datetime(3)",
  Json: "json",
  Bytes: "longblob",
};

/** `@db.VarChar(200)` → `varchar(200)`; names whose SQL spelling differs are listed. */
function nativeTypeSql([name, args]: [string, string[]]): string {
  // MySQL's `@db.UnsignedInt`, `@db.UnsignedBigInt`, …
  const unsigned = /^Unsigned(\w+)$/.exec(name);
  if (unsigned) return `${unsigned[1]!.toLowerCase()} unsigned`;
  const sql = NATIVE_SPELLING[name] ?? name.toLowerCase();
  return args.length > 0 ? `${sql}(${args.join(",")})` : sql;
}

const NATIVE_SPELLING: Record<string, string> = {
  DoublePrecision: "double precision",
  JsonB: "jsonb",
  ByteA: "bytea",
  VarBit: "varbit",
  Timestamptz: "timestamptz",
  Timetz: "timetz",
  Timestamp: "timestamp",
};
