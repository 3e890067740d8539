import { DEFAULTS, ENUM_LABELS, fkColumn, type ColumnSpec, type EntitySpec, type Family, type SchemaSpec } from "./schema-spec";

/**
 * A spec as a `schema.prisma`, the round trip's Prisma source: the same tables, columns,
 * indexes and foreign keys, in Prisma's terms. What Prisma cannot tell apart on an engine
 * (a varchar length or a decimal precision on SQLite, where Prisma has no native types)
 * renders the same, and such a step is no change (`statesOf` in roundtrip-session.ts).
 */
export function prismaSchemaOf(spec: SchemaSpec, family: Family): string {
  const provider = family === "postgres" ? "postgresql" : family;
  const backRelations = new Map<string, string[]>();
  for (const e of spec.entities)
    for (const f of e.fks) backRelations.set(f.target, [...(backRelations.get(f.target) ?? []), `  back_${e.name}_${f.name} ${e.name}[] @relation("${e.name}_${f.name}")`]);
  const enums = spec.entities.flatMap((e) => e.columns.filter((c) => c.kind === "enum").map((c) => enumBlock(e, c)));
  const models = spec.entities.map((e) => modelBlock(e, family, backRelations.get(e.name) ?? []));
  return [`datasource db {\n  provider = "${provider}"\n}`, ...enums, ...models].join("\n\n") + "\n";
}

const enumName = (e: EntitySpec, c: ColumnSpec) => `${e.name}_${c.name}`;
/** Labels such as `dark red` and `it's` are no Prisma identifiers: `V<n> @map("label")`. */
const enumValue = (label: string) => `V${ENUM_LABELS.indexOf(label as (typeof ENUM_LABELS)[number])}`;

function enumBlock(e: EntitySpec, c: ColumnSpec): string {
  return `enum ${enumName(e, c)} {\n${c.enumValues.map((v) => `  ${enumValue(v)} @map("${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}")`).join("\n")}\n}`;
}

function modelBlock(e: EntitySpec, family: Family, backRelations: readonly string[]): string {
  const lines = [`  id Int @id @default(autoincrement())`];
  for (const c of e.columns) lines.push(`  ${c.name} ${fieldType(e, c, family)}${c.nullable ? "?" : ""}${c.unique ? " @unique" : ""}${defaultAttribute(c)}${nativeType(c, family)}`);
  for (const f of e.fks) {
    const onDelete = f.onDelete === "CASCADE" ? ", onDelete: Cascade" : f.onDelete === "SET NULL" ? ", onDelete: SetNull" : "";
    lines.push(`  ${fkColumn(f)} Int?`, `  ${f.name} ${f.target}? @relation("${e.name}_${f.name}", fields: [${fkColumn(f)}], references: [id]${onDelete})`);
  }
  lines.push(...backRelations);
  for (const i of e.indexes) lines.push(`  @@${i.kind === "index" ? "index" : "unique"}([${i.columns.join(", ")}], map: "${i.name}")`);
  return `model ${e.name} {\n${lines.join("\n")}\n}`;
}

function fieldType(e: EntitySpec, c: ColumnSpec, family: Family): string {
  const types: Record<ColumnSpec["kind"], string> = {
    int: "Int",
    bigint: "BigInt",
    varchar: "String",
    text: "String",
    boolean: "Boolean",
    decimal: "Decimal",
    timestamp: "DateTime",
    enum: family === "postgres" ? enumName(e, c) : "String",
  };
  return types[c.kind];
}

function nativeType(c: ColumnSpec, family: Family): string {
  if (family === "sqlite") return "";
  if (c.kind === "varchar") return ` @db.VarChar(${c.length})`;
  if (c.kind === "decimal") return ` @db.Decimal(${c.precision}, ${c.scale})`;
  if (c.kind === "text" && family === "mysql") return " @db.Text";
  return "";
}

function defaultAttribute(c: ColumnSpec): string {
  if (c.defaultChoice === null) return "";
  if (c.kind === "timestamp") return " @default(now())";
  if (c.kind === "enum") {
    const label = c.enumValues.find((v) => !v.includes("'"));
    return label === undefined ? "" : ` @default(${enumValue(label)})`;
  }
  const value = DEFAULTS[c.kind][c.defaultChoice]!;
  return typeof value === "string" ? ` @default("${value}")` : ` @default(${String(value)})`;
}
