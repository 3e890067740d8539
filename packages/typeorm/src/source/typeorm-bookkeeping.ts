import type { BookkeepingTable, DialectName, SchemaModel } from "@retort/core";
import type { TypeormDataSource } from "../typeorm-shapes";

/** Prisma Migrate's history table, in whatever schema Prisma was pointed at (a project moving from Prisma keeps it). */
const PRISMA_MIGRATIONS_TABLE = "_prisma_migrations";

/**
 * Other tools' tables, where they put them (docs/architecture.md, "Bookkeeping tables never
 * compared"). TypeORM's migration history and its `typeorm_metadata` take their names
 * from the DataSource (`migrationsTableName`, `metadataTableName`) and live in its
 * `schema` (PostgreSQL) or `database` (MySQL), as TypeORM 0.3 and 1.x build them
 * (`driver.buildTableName(name, schema, database)`).
 */
export function otherToolsTables(options: TypeormDataSource["options"] | undefined, actual: Pick<SchemaModel, "dialect" | "defaultSchema">): BookkeepingTable[] {
  const schema = typeormSchema(options, actual.dialect, actual.defaultSchema);
  return [
    { schema, name: nameOption(options?.migrationsTableName) ?? "migrations", owner: "TypeORM migrations" },
    { schema, name: nameOption(options?.metadataTableName) ?? "typeorm_metadata", owner: "TypeORM metadata" },
    { schema: null, inAnySchema: true, name: PRISMA_MIGRATIONS_TABLE, owner: "Prisma migrations" },
  ];
}

function nameOption(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function typeormSchema(options: TypeormDataSource["options"] | undefined, dialect: DialectName, defaultSchema: string): string | null {
  const given = dialect === "postgres" ? options?.schema : dialect === "sqlite" ? undefined : options?.database;
  return typeof given === "string" && given !== "" && given !== defaultSchema ? given : null;
}
