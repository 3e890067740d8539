import {
  column,
  index,
  sortModel,
  table,
  type AutoIncrementKind,
  type ColumnModel,
  type DialectRules,
  type ForeignKeyModel,
  type IndexModel,
  type ReferentialAction,
  type SchemaModel,
  type TableModel,
} from "@retort/core";
import { mysqlRules, postgresRules, sqliteRules } from "@retort/dialects";
import type { Dmmf, DmmfField, DmmfModel } from "./dmmf";
import { isMysqlFamily, sqlTypeOf, type PrismaDialect } from "./type-mapping";

/**
 * The schema Prisma Migrate creates for a Prisma datamodel (README.md "Prisma schemas"):
 * Prisma's type mapping, its constraint names (`User_pkey`, `User_email_key`,
 * `Post_authorId_fkey`, `Post_authorId_idx`), its referential-action defaults and its
 * implicit many-to-many join tables.
 */
export function buildPrismaModel(dmmf: Dmmf, dialect: PrismaDialect): SchemaModel {
  const rules = dialect === "postgres" ? postgresRules : dialect === "sqlite" ? sqliteRules : mysqlRules;
  // Prisma Migrate never creates views: a `view` block only describes one made by hand.
  const tableModels = dmmf.models.filter((m) => !dmmf.text.views.has(m.name));
  const ctx: BuildContext = { dmmf, dialect, rules, models: new Map(tableModels.map((m) => [m.name, m])) };
  const tables = [...tableModels.map((m) => modelTable(ctx, m)), ...joinTables(ctx)];
  const enums =
    dialect === "postgres"
      ? dmmf.enums.map((e) => ({ schema: schemaOf(dmmf.text.enumSchemas.get(e.name)), name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) }))
      : [];
  const schemas = [...new Set([...tables.map((t) => t.schema), ...enums.map((e) => e.schema)].filter((s): s is string => s !== null))];
  // A MySQL model's default schema is the connected database's: the caller sets it.
  return sortModel({ dialect, defaultSchema: dialect === "postgres" ? "public" : dialect === "sqlite" ? "main" : "", schemas, tables, enums, views: [] });
}

/** `@@schema("public")` is PostgreSQL's default schema: `null` in the model. */
const schemaOf = (schema: string | null | undefined): string | null => (schema === undefined || schema === null || schema === "public" ? null : schema);

interface BuildContext {
  readonly dmmf: Dmmf;
  readonly dialect: PrismaDialect;
  readonly rules: DialectRules;
  readonly models: ReadonlyMap<string, DmmfModel>;
}

const tableName = (m: DmmfModel) => m.dbName ?? m.name;
const tableSchema = (m: DmmfModel) => schemaOf(m.schema);
const columnName = (f: DmmfField) => f.dbName ?? f.name;
const scalarFields = (m: DmmfModel) => m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
function fieldNamed(m: DmmfModel, name: string): DmmfField {
  const f = m.fields.find((x) => x.name === name);
  if (!f) throw new Error(`model ${m.name} has no field ${name}`);
  return f;
}

function modelTable(ctx: BuildContext, m: DmmfModel): TableModel {
  const name = tableName(m);
  const indexes = ctx.dmmf.indexes.filter((i) => i.model === m.name);
  const id = indexes.find((i) => i.type === "id");
  const idColumns = id ? id.fields.map((f) => columnName(fieldNamed(m, f.name))) : [];
  const columns = scalarFields(m).map((f) => fieldColumn(ctx, m, f, idColumns));
  const tableIndexes: IndexModel[] = indexes
    .filter((i) => i.type === "unique" || i.type === "normal")
    .map((i) => {
      const cols = i.fields.map((f) => columnName(fieldNamed(m, f.name)));
      const suffix = i.type === "unique" ? "key" : "idx";
      return index(
        i.dbName ?? defaultName(ctx, `${name}_${cols.join("_")}`, suffix),
        i.fields.map((f, n) => ({ column: cols[n]!, expression: null, descending: f.sortOrder === "desc" })),
        { unique: i.type === "unique", method: indexMethod(i.algorithm) },
      );
    });
  return table(name, {
    schema: tableSchema(m),
    columns,
    // MySQL names every primary key PRIMARY; SQLite keeps no name.
    primaryKey: id ? { name: ctx.dialect === "postgres" ? (id.dbName ?? `${name}_pkey`) : null, columns: idColumns } : null,
    indexes: tableIndexes,
    // relationMode = "prisma": Prisma Client emulates the relations, the database has no foreign keys.
    foreignKeys: ctx.dmmf.text.emulatedRelations ? [] : m.fields.filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0).map((f) => foreignKey(ctx, m, f)),
  });
}

/** `@@index(type: Hash)` → `hash`; B-tree is the default access method (no method in the model). */
function indexMethod(algorithm: string | undefined): string | null {
  return algorithm === undefined || algorithm === "BTree" ? null : algorithm.toLowerCase();
}

function fieldColumn(ctx: BuildContext, m: DmmfModel, f: DmmfField, idColumns: readonly string[]): ColumnModel {
  const enumDef = ctx.dmmf.enums.find((e) => e.name === f.type);
  const autoIncrement = isCall(f.default, "autoincrement");
  const unsupported = ctx.dmmf.text.unsupported.get(`${m.name}.${f.name}`);
  let sqlType = unsupported !== undefined ? unsupported + (f.isList ? "[]" : "") : sqlTypeOf(f, ctx.dialect, (n) => enumSql(ctx, n));
  if (ctx.dialect === "postgres" && autoIncrement) sqlType = f.type === "BigInt" ? "bigserial" : f.type === "Int" && !f.nativeType ? "serial" : sqlType;
  const parsed = ctx.rules.parseType(sqlType, ctx.dialect);
  const type =
    f.kind === "enum" && ctx.dialect === "postgres" && enumDef
      ? { ...parsed, name: "enum", enumName: qualifiedEnumName(ctx, f.type), enumValues: enumDef.values.map((v) => v.dbName ?? v.name) }
      : parsed;
  const written = defaultSql(ctx, m, f, sqlType);
  const single = idColumns.length === 1 && idColumns[0] === columnName(f);
  return column(columnName(f), type, {
    nullable: !f.isRequired || f.isList, // Prisma writes scalar lists without NOT NULL
    default: written === null ? null : ctx.rules.normalizeDefault(written, type, ctx.dialect),
    autoIncrement: autoIncrementKind(ctx.dialect, autoIncrement, single && f.type === "Int" && !f.nativeType),
  });
}

const enumSqlName = (ctx: BuildContext, name: string) => ctx.dmmf.enums.find((e) => e.name === name)?.dbName ?? name;

/** PostgreSQL: the enum type's name, `schema.name` outside the default schema (as the model spells it). */
function qualifiedEnumName(ctx: BuildContext, name: string): string {
  const schema = schemaOf(ctx.dmmf.text.enumSchemas.get(name));
  return schema === null ? enumSqlName(ctx, name) : `${schema}.${enumSqlName(ctx, name)}`;
}

/** An enum field's SQL type: a named type on PostgreSQL, an inline `enum('A','B')` on MySQL. */
function enumSql(ctx: BuildContext, name: string): string {
  if (ctx.dialect === "postgres") {
    const schema = schemaOf(ctx.dmmf.text.enumSchemas.get(name));
    return schema === null ? `"${enumSqlName(ctx, name)}"` : `"${schema}"."${enumSqlName(ctx, name)}"`;
  }
  const values = ctx.dmmf.enums.find((e) => e.name === name)?.values ?? [];
  return `enum(${values.map((v) => `'${(v.dbName ?? v.name).replace(/'/g, "''")}'`).join(",")})`;
}

/**
 * SQLite: Prisma Migrate writes a lone `Int @id` as `INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT`
 * with or without `@default(autoincrement())` (seen in its own SQL, the tests' oracle).
 */
function autoIncrementKind(dialect: PrismaDialect, autoIncrement: boolean, soleIntegerId: boolean): AutoIncrementKind | null {
  if (dialect === "postgres") return autoIncrement ? "serial" : null;
  if (isMysqlFamily(dialect)) return autoIncrement ? "auto-increment" : null;
  return soleIntegerId ? "sqlite-autoincrement" : null;
}

/**
 * Prisma's default constraint and index names, `<table>_<columns>_<suffix>`; on PostgreSQL the
 * `<table>_<columns>` part is cut so the whole name fits the 63-byte identifier limit.
 */
function defaultName(ctx: BuildContext, stem: string, suffix: string): string {
  const limit = ctx.dialect === "postgres" ? 63 - suffix.length - 1 : Infinity;
  return `${stem.slice(0, limit)}_${suffix}`;
}

function isCall(d: unknown, name: string): boolean {
  return typeof d === "object" && d !== null && (d as { name?: string }).name === name;
}

/** The DEFAULT clause Prisma writes; `uuid()`, `cuid()`, `nanoid()` and `@updatedAt` are client-side. */
function defaultSql(ctx: BuildContext, m: DmmfModel, f: DmmfField, sqlType: string): string | null {
  const d = f.default;
  if (d === undefined || d === null) return null;
  if (typeof d === "object" && !Array.isArray(d)) {
    const call = d as { name: string; args: unknown[] };
    if (call.name === "now") return isMysqlFamily(ctx.dialect) ? "CURRENT_TIMESTAMP(3)" : "CURRENT_TIMESTAMP";
    if (call.name === "dbgenerated") return call.args.length > 0 ? String(call.args[0]) : null;
    return null;
  }
  // Scalar lists exist on PostgreSQL only; an empty array needs the cast to the column's type.
  if (Array.isArray(d)) return ctx.dialect !== "postgres" ? null : d.length === 0 ? `ARRAY[]::${sqlType}` : `ARRAY[${d.map((v) => literal(ctx, f, v)).join(", ")}]`;
  return ctx.dmmf.text.numericDefaults.get(`${m.name}.${f.name}`) ?? literal(ctx, f, d);
}

function literal(ctx: BuildContext, f: DmmfField, v: unknown): string {
  if (f.kind === "enum") {
    // The database holds the value's @map name, not its Prisma name.
    const value = ctx.dmmf.enums.find((e) => e.name === f.type)?.values.find((x) => x.name === v);
    const stored = value?.dbName ?? String(v);
    return ctx.dialect === "postgres" ? `'${stored}'::${enumSql(ctx, f.type)}` : `'${stored}'`;
  }
  if (f.type === "Bytes" && typeof v === "string") return bytesLiteral(ctx.dialect, v);
  if (typeof v === "string" && !NUMERIC_TYPES.has(f.type)) return `'${v.replace(/'/g, "''")}'`;
  return String(v);
}

/**
 * A Bytes default is base64 in the schema. Prisma Migrate writes the bytes in hex: a bytea
 * literal on PostgreSQL, and on SQLite the hex digits as a text literal (not `X'…'`).
 */
function bytesLiteral(dialect: PrismaDialect, base64: string): string {
  const hex = Buffer.from(base64, "base64").toString("hex");
  return dialect === "postgres" ? `'\\x${hex}'::bytea` : `'${hex}'`;
}

/** The DMMF gives BigInt and Decimal defaults as strings; the SQL writes them bare. */
const NUMERIC_TYPES = new Set(["Int", "BigInt", "Float", "Decimal"]);

/** Named by `@relation(map: "…")` (the DMMF leaves it out: schema-text.ts), else Prisma's default name. Prisma's defaults: ON DELETE RESTRICT (SET NULL when the relation is optional), ON UPDATE CASCADE. */
function foreignKey(ctx: BuildContext, m: DmmfModel, f: DmmfField): ForeignKeyModel {
  const target = ctx.models.get(f.type)!;
  const cols = f.relationFromFields!.map((n) => columnName(fieldNamed(m, n)));
  const optional = f.relationFromFields!.some((n) => !fieldNamed(m, n).isRequired);
  return {
    name: ctx.dialect === "sqlite" ? null : (ctx.dmmf.text.relationMaps.get(`${m.name}.${f.name}`) ?? defaultName(ctx, `${tableName(m)}_${cols.join("_")}`, "fkey")),
    columns: cols,
    referencedSchema: tableSchema(target),
    referencedTable: tableName(target),
    referencedColumns: f.relationToFields!.map((n) => columnName(fieldNamed(target, n))),
    onDelete: action(f.relationOnDelete) ?? (optional ? "SET NULL" : "RESTRICT"),
    onUpdate: action(f.relationOnUpdate) ?? "CASCADE",
    deferrable: null,
  };
}

function action(a: string | undefined): ReferentialAction | null {
  const actions: Record<string, ReferentialAction> = {
    Cascade: "CASCADE",
    Restrict: "RESTRICT",
    NoAction: "NO ACTION",
    SetNull: "SET NULL",
    SetDefault: "SET DEFAULT",
  };
  return a === undefined ? null : (actions[a] ?? null);
}

/**
 * Implicit many-to-many: `_<relationName>` with `A` referencing the model first in name order
 * and `B` the other, both ON DELETE/UPDATE CASCADE; PostgreSQL gets primary key
 * `_X_AB_pkey`, SQLite a unique index `_X_AB_unique`; both an index `_X_B_index`.
 */
function joinTables(ctx: BuildContext): TableModel[] {
  const byRelation = new Map<string, DmmfModel[]>();
  for (const m of ctx.dmmf.models)
    for (const f of m.fields)
      if (f.kind === "object" && f.isList && f.relationName && ctx.models.get(f.type)?.fields.some((g) => g !== f && g.relationName === f.relationName && g.isList))
        byRelation.set(f.relationName, [...(byRelation.get(f.relationName) ?? []), m]);
  return [...byRelation.entries()].map(([relation, ms]) => {
    const [a, b] = [...ms].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const name = `_${relation}`;
    const side = (label: "A" | "B", model: DmmfModel) => {
      const idField = model.fields.find((f) => f.isId) ?? fieldNamed(model, ctx.dmmf.indexes.find((i) => i.model === model.name && i.type === "id")!.fields[0]!.name);
      const type = ctx.rules.parseType(sqlTypeOf({ ...idField, isList: false }, ctx.dialect, (n) => n), ctx.dialect);
      return {
        col: column(label, type, { nullable: false }),
        fk: {
          name: ctx.dialect === "sqlite" ? null : `${name}_${label}_fkey`,
          columns: [label],
          referencedSchema: tableSchema(model),
          referencedTable: tableName(model),
          referencedColumns: [columnName(idField)],
          onDelete: "CASCADE",
          onUpdate: "CASCADE",
          deferrable: null,
        } satisfies ForeignKeyModel,
      };
    };
    const sa = side("A", a!);
    const sb = side("B", b!);
    const pk = ctx.dialect === "postgres";
    return table(name, {
      schema: tableSchema(a!),
      columns: [sa.col, sb.col],
      primaryKey: pk ? { name: `${name}_AB_pkey`, columns: ["A", "B"] } : null,
      indexes: [
        ...(pk ? [] : [index(`${name}_AB_unique`, ["A", "B"], { unique: true })]),
        index(`${name}_B_index`, ["B"]),
      ],
      foreignKeys: ctx.dmmf.text.emulatedRelations ? [] : [sa.fk, sb.fk],
    });
  });
}
