import type { DmmfField } from "./dmmf";

export type PrismaDialect = "postgres" | "sqlite";

/**
 * The SQL type Prisma Migrate writes for a scalar field (Prisma's documented type mapping,
 * see README.md "Prisma schemas"): `String` → `text` on PostgreSQL, `TEXT` on SQLite, …
 * A `@db.*` native type wins over the default mapping.
 */
export function sqlTypeOf(field: DmmfField, dialect: PrismaDialect, enumSqlName: (name: string) => string): string {
  const list = field.isList ? "[]" : "";
  if (field.kind === "enum") return (dialect === "postgres" ? `"${enumSqlName(field.type)}"` : "text") + list;
  if (field.nativeType) return nativeTypeSql(field.nativeType) + list;
  const mapped = (dialect === "postgres" ? POSTGRES_TYPES : SQLITE_TYPES)[field.type];
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

/** `@db.VarChar(200)` → `varchar(200)`; names whose SQL spelling differs are listed. */
function nativeTypeSql([name, args]: [string, string[]]): string {
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
