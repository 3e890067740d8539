import type { DialectName, SchemaModel } from "@retort/core";
import { versionTableNames } from "@retort/runtime";
import type { TypeormDataSource } from "@retort/typeorm";
import type { ResolvedConfig } from "../config/load-config";

/**
 * Tables that tools keep for their own bookkeeping: never compared, so never created,
 * altered or dropped by a migration retort writes (README.md, "Adopting retort in an
 * existing project"). This file is the one list of them.
 */
export interface BookkeepingTable {
  /** `null` in the default schema. */
  readonly schema: string | null;
  /** Matched in every schema (Prisma's schema is in its own config, not the DataSource). */
  readonly inAnySchema?: boolean;
  readonly name: string;
  readonly owner: "retort" | "TypeORM migrations" | "TypeORM metadata" | "Prisma migrations";
}

/** retort's own version tables: known from the config alone, so left out before reflection. */
export function retortTables(config: Pick<ResolvedConfig, "versionTable">): BookkeepingTable[] {
  return versionTableNames(config.versionTable).map((name) => ({ schema: null, name, owner: "retort" }));
}

/** Prisma Migrate's history table, in whatever schema Prisma was pointed at. */
const PRISMA_MIGRATIONS_TABLE = "_prisma_migrations";

/**
 * Other tools' tables, where they put them. TypeORM's migration history and its
 * `typeorm_metadata` take their names from the DataSource (`migrationsTableName`,
 * `metadataTableName`) and live in its `schema` (PostgreSQL) or `database` (MySQL),
 * as TypeORM 0.3 and 1.x build them (`driver.buildTableName(name, schema, database)`).
 */
export function otherToolsTables(options: TypeormDataSource["options"] | undefined, actual: Pick<SchemaModel, "dialect" | "defaultSchema">): BookkeepingTable[] {
  const schema = typeormSchema(options, actual.dialect, actual.defaultSchema);
  return [
    { schema, name: nameOption(options?.migrationsTableName) ?? "migrations", owner: "TypeORM migrations" },
    { schema, name: nameOption(options?.metadataTableName) ?? "typeorm_metadata", owner: "TypeORM metadata" },
    { schema: null, inAnySchema: true, name: PRISMA_MIGRATIONS_TABLE, owner: "Prisma migrations" },
  ];
}

/**
 * The other tools' tables for this project's model source: a Prisma project has only
 * Prisma Migrate's (a table called `migrations` there is the project's own, docs/reference.md §1).
 */
export function otherToolsTablesFor(
  config: Pick<ResolvedConfig, "prisma">,
  options: TypeormDataSource["options"] | undefined,
  actual: Pick<SchemaModel, "dialect" | "defaultSchema">,
): BookkeepingTable[] {
  const all = otherToolsTables(options, actual);
  return config.prisma ? all.filter((t) => t.owner === "Prisma migrations") : all;
}

function nameOption(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function typeormSchema(options: TypeormDataSource["options"] | undefined, dialect: DialectName, defaultSchema: string): string | null {
  const given = dialect === "postgres" ? options?.schema : dialect === "sqlite" ? undefined : options?.database;
  return typeof given === "string" && given !== "" && given !== defaultSchema ? given : null;
}

/** Is the table `schema.name` (schema `null`: the default) one of `tables`? */
export function isBookkeeping(tables: readonly BookkeepingTable[], schema: string | null, name: string): boolean {
  return tables.some((t) => t.name === name && (t.inAnySchema || t.schema === schema));
}

/**
 * The tables an entity maps to stay the entity's: a project whose own entity is called
 * `migrations` keeps comparing it (TypeORM would then share that table with its history).
 */
export function unclaimedBy(target: SchemaModel, tables: readonly BookkeepingTable[]): BookkeepingTable[] {
  return tables.filter((b) => !target.tables.some((t) => isBookkeeping([b], t.schema, t.name)));
}

/** A table of another tool, found in the database and left as it is. */
export interface KeptTable {
  readonly schema: string | null;
  readonly name: string;
  readonly owner: BookkeepingTable["owner"];
}

/**
 * The reflected database's tables sorted by owner: how many are the project's own (what
 * `baseline` adopts), and which belong to other tools. Tables an entity maps to are the project's.
 */
export function databaseTablesByOwner(cmp: {
  readonly actual: SchemaModel;
  readonly target: SchemaModel;
  readonly config: Pick<ResolvedConfig, "versionTable" | "prisma">;
  readonly dataSourceOptions: TypeormDataSource["options"] | undefined;
}): { readonly tables: number; readonly kept: readonly KeptTable[] } {
  const bookkeeping = [...retortTables(cmp.config), ...unclaimedBy(cmp.target, otherToolsTablesFor(cmp.config, cmp.dataSourceOptions, cmp.actual))];
  let tables = 0;
  const kept: KeptTable[] = [];
  for (const t of cmp.actual.tables) {
    const owner = bookkeeping.find((b) => isBookkeeping([b], t.schema, t.name));
    if (!owner) tables++;
    else if (owner.owner !== "retort") kept.push({ schema: t.schema, name: t.name, owner: owner.owner });
  }
  return { tables, kept };
}
