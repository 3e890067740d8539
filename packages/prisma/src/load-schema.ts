import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { RetortError, type SchemaModel } from "@retort/core";
import { buildPrismaModel } from "./build-model";
import { parseDmmf } from "./dmmf";
import type { PrismaDialect } from "./type-mapping";

/** A parsed Prisma schema: what `@retort/prisma`'s model source (`source/prisma-model-source.ts`) reads. */
export interface PrismaSchema {
  /** From the datasource's `provider`. */
  readonly dialect: PrismaDialect;
  /** The datasource `url` (a literal, or `env("NAME")` resolved from `env`), `null` when absent or unset. */
  readonly url: string | null;
  readonly model: SchemaModel;
  /** The model for one engine of the provider's family: `provider = "mysql"` serves MySQL and MariaDB. */
  readonly modelFor: (dialect: PrismaDialect) => SchemaModel;
  /** The datasource's `schemas` (multiSchema): the schemas the model's tables and enums live in. */
  readonly schemas: readonly string[];
  /** Prisma Migrate's bookkeeping table: never part of the compared schema. */
  readonly ignoredTables: readonly string[];
}

/**
 * Loads `prisma: "./prisma/schema.prisma"` or a folder of `.prisma` files (Prisma's
 * multi-file schemas): the datasource block gives the dialect and, when present, the URL.
 */
export function loadPrismaSchema(path: string, env: NodeJS.ProcessEnv = process.env): PrismaSchema {
  const files = schemaFiles(path);
  const datasource = files.map(([, text]) => /datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1]).find((b) => b !== undefined);
  if (datasource === undefined)
    throw new RetortError("prisma_schema_invalid", `No datasource block in the Prisma schema at ${path}. Add \`datasource db { provider = "postgresql" }\`.`);
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(datasource)?.[1];
  const dialect = provider === "postgresql" || provider === "postgres" ? "postgres" : provider === "sqlite" ? "sqlite" : provider === "mysql" ? "mysql" : null;
  if (dialect === null)
    throw new RetortError(
      "prisma_schema_invalid",
      `The Prisma datasource provider "${provider ?? "(none)"}" in ${path} is not supported yet. retort reads Prisma schemas for "postgresql", "sqlite" and "mysql".`,
    );
  const dmmf = parseDmmf(files);
  return {
    dialect,
    url: datasourceUrl(datasource, env),
    model: buildPrismaModel(dmmf, dialect),
    modelFor: (engine) => buildPrismaModel(dmmf, engine),
    schemas: dmmf.text.schemas,
    ignoredTables: ["_prisma_migrations"],
  };
}

function datasourceUrl(block: string, env: NodeJS.ProcessEnv): string | null {
  const line = /^\s*url\s*=\s*(.+)$/m.exec(block)?.[1]?.trim();
  if (!line) return null;
  const fromEnv = /^env\(\s*"([^"]+)"\s*\)/.exec(line);
  if (fromEnv) return env[fromEnv[1]!] ?? null;
  return /^"([^"]*)"/.exec(line)?.[1] ?? null;
}

function schemaFiles(path: string): [string, string][] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new RetortError("prisma_schema_invalid", `The Prisma schema ${path} does not exist. Point the \`prisma\` config key at schema.prisma or a folder of .prisma files.`);
  }
  if (!isDir) return [[path, readFileSync(path, "utf8")]];
  const names = readdirSync(path, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".prisma")).sort();
  if (names.length === 0) throw new RetortError("prisma_schema_invalid", `No .prisma files in ${path}.`);
  return names.map((n) => [relative(process.cwd(), join(path, n)), readFileSync(join(path, n), "utf8")]);
}
