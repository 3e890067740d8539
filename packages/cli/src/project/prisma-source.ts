import { loadPrismaSchema, type PrismaSchema } from "@retort/prisma";
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ResolvedConfig } from "../config/load-config";
import type { DataSourceConnectionOptions } from "./connection-url";

const loaded = new Map<string, PrismaSchema>();

/** The config's Prisma schema, parsed once per process (docs/reference.md §1, `prisma`). */
export function prismaSchemaOf(config: Pick<ResolvedConfig, "prisma">): PrismaSchema {
  const path = config.prisma!;
  let schema = loaded.get(path);
  if (!schema) loaded.set(path, (schema = loadPrismaSchema(path)));
  return schema;
}

/** The folder Prisma resolves a `file:` URL against: the schema file's, or the schema folder itself. */
function schemaFolder(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/**
 * Prisma's SQLite URLs are `file:./dev.db`, relative to the schema; retort's are
 * `sqlite:path`. The query (`?connection_limit=1`) is for Prisma's engine and is dropped.
 * Other URLs (`postgresql://…`) are the same for both.
 */
export function prismaUrlAsRetortUrl(url: string, schemaPath: string): string {
  const file = /^file:(?!\/\/)([^?]*)/.exec(url);
  return file ? `sqlite:${resolve(schemaFolder(schemaPath), file[1]!)}` : url;
}

/**
 * The schema's datasource as the connection options the CLI reads from a TypeORM
 * DataSource: the engine, and the database when the schema's `url` names one.
 */
export function prismaConnectionOptions(config: Pick<ResolvedConfig, "prisma">): DataSourceConnectionOptions {
  const schema = prismaSchemaOf(config);
  if (schema.dialect === "sqlite") {
    const url = schema.url === null ? null : prismaUrlAsRetortUrl(schema.url, config.prisma!);
    return url?.startsWith("sqlite:") ? { type: "better-sqlite3", database: url.slice("sqlite:".length) } : { type: "better-sqlite3" };
  }
  const type = schema.dialect === "postgres" ? "postgres" : "mysql";
  return schema.url === null ? { type } : { type, url: schema.url };
}
