import { NoConnectionUrlError, type SourceConnection } from "@retort/core";
import { rememberUrlSecrets } from "@retort/dialects";
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { loadPrismaSchema, type PrismaSchema } from "../load-schema";

const loaded = new Map<string, PrismaSchema>();

/** The config's Prisma schema, parsed once per process (docs/reference.md §1, `prisma`). */
export function prismaSchemaOf(path: string): PrismaSchema {
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
 * Where the schema's datasource says the database is: its `url` in retort's spelling
 * (a SQLite `file:` URL as `sqlite:` with the better-sqlite3 driver). Refused when the
 * schema names no database.
 */
export function prismaConnection(path: string, projectDir: string): SourceConnection {
  const schema = prismaSchemaOf(path);
  const url = schema.url === null ? null : prismaUrlAsRetortUrl(schema.url, path);
  if (url === null || (schema.dialect === "sqlite" && !url.startsWith("sqlite:"))) {
    throw new NoConnectionUrlError(`The Prisma schema ${relative(projectDir, path) || path} names no database: its datasource \`url\` is missing or its environment variable is unset.`);
  }
  if (schema.dialect === "sqlite") return { url: `${url}?driver=better-sqlite3` };
  rememberUrlSecrets(url);
  return { url };
}
