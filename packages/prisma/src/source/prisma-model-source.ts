import type { DeclaredEngine, ModelSourceKind, SchemaModel, SourceProject } from "@retort/core";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { findPrismaSchema } from "./find-prisma-schema";
import { prismaConnection, prismaSchemaOf, prismaUrlAsRetortUrl } from "./prisma-connection";
import { prismaLocator } from "./prisma-locations";

const PROVIDER = { postgres: "postgresql", mysql: "mysql", mariadb: "mysql", sqlite: "sqlite" } as const;

/** The config's `prisma` key: the schema file or folder, made absolute. */
function schemaPath(project: SourceProject): string {
  return project.config.prisma as string;
}

/**
 * A Prisma schema as a model source (docs/architecture.md, "Adding a model source"),
 * selected by the config's `prisma`. Parsing takes milliseconds, so it has no model cache;
 * `_prisma_migrations` is Prisma Migrate's bookkeeping table and is never compared.
 */
export const prismaModelSource: ModelSourceKind = {
  name: "Prisma",
  explicitUrl: (url, project) => prismaUrlAsRetortUrl(url, schemaPath(project)),
  watchFolders: (project) => prismaFolders(schemaPath(project)),
  watchedFileNames: /\.prisma$/,
  async open(project) {
    const path = schemaPath(project);
    const schema = prismaSchemaOf(path);
    const family = schema.dialect === "mariadb" ? "mysql" : schema.dialect;
    const declaredEngine: DeclaredEngine = { family, declaredBy: `the Prisma datasource's provider is "${PROVIDER[schema.dialect]}"` };
    return {
      dialect: family,
      declaredEngine,
      connection: () => prismaConnection(path, project.projectDir),
      modelSchemas: schema.dialect === "postgres" ? schema.schemas : [],
      // Prisma's tables live in the schema the connection uses (PostgreSQL's search_path, MySQL's database).
      bookkeepingTables: () => schema.ignoredTables.map((name) => ({ schema: null, inAnySchema: true, name, owner: "Prisma migrations" })),
      load: async () => undefined,
      async buildModel(database) {
        // `provider = "mysql"` is built for the engine connected to (MySQL or MariaDB).
        const { dialect } = database;
        const model = schema.dialect === "mysql" && (dialect === "mysql" || dialect === "mariadb") ? schema.modelFor(dialect) : schema.model;
        const target: SchemaModel = { ...model, defaultSchema: database.defaultSchema };
        return { target, truncatedNames: [], unmanaged: { tables: [], views: [], indexes: [] } };
      },
      locator: async () => prismaLocator(path),
    };
  },
  async discover(projectDir) {
    const prisma = findPrismaSchema(projectDir);
    if (!prisma) return undefined;
    return {
      configEntry: `  // The Prisma schema (found by retort init); the database comes from DATABASE_URL.\n  prisma: "${prisma}",`,
      result: { dataSource: undefined, prisma },
      lines: [
        `Using the Prisma schema in ${prisma}. Next: retort autogen -m "initial schema" ` +
          "(or, for a database Prisma Migrate already built, retort baseline -m \"baseline\"; its _prisma_migrations table is left alone).",
      ],
      details: [],
    };
  },
};

/** The schema's folder and its subfolders (a multi-file schema nests `.prisma` files). */
function prismaFolders(path: string): string[] {
  try {
    if (!statSync(path).isDirectory()) return [dirname(path)];
  } catch {
    return [dirname(path)];
  }
  const nested = readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
  return [path, ...nested];
}
