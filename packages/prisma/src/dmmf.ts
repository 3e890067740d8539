/**
 * Prisma's WebAssembly parser, loaded on first use: compiling it takes a noticeable part
 * of a second, which a TypeORM project's `check` (that only imports this package) must not pay.
 */
function getDatamodel(input: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require("@prisma/prisma-schema-wasm") as typeof import("@prisma/prisma-schema-wasm");
  return wasm.get_datamodel(input);
}
import { RetortError } from "@retort/core";
import { readSchemaText, type SchemaTextFacts } from "./schema-text";

/** The parts of Prisma's DMMF datamodel (as `get_datamodel` returns it) that the model builder reads. */
export interface DmmfField {
  readonly name: string;
  readonly dbName?: string | null;
  readonly kind: "scalar" | "object" | "enum" | "unsupported";
  readonly isList: boolean;
  readonly isRequired: boolean;
  readonly isId: boolean;
  readonly isUpdatedAt: boolean;
  readonly type: string;
  readonly nativeType?: [string, string[]] | null;
  readonly default?: unknown;
  readonly relationName?: string;
  readonly relationFromFields?: string[];
  readonly relationToFields?: string[];
  readonly relationOnDelete?: string;
  readonly relationOnUpdate?: string;
}
export interface DmmfModel {
  readonly name: string;
  readonly dbName: string | null;
  readonly schema: string | null;
  readonly fields: readonly DmmfField[];
}
export interface DmmfIndex {
  readonly model: string;
  readonly type: "id" | "unique" | "normal" | "fulltext";
  readonly dbName?: string | null;
  /** `type:` of `@@index` (`Hash`, `Gin`, …); absent for the default B-tree. */
  readonly algorithm?: string;
  readonly fields: readonly { name: string; sortOrder?: "asc" | "desc"; length?: number }[];
}
export interface DmmfEnum {
  readonly name: string;
  readonly dbName: string | null;
  readonly values: readonly { name: string; dbName: string | null }[];
}
export interface Dmmf {
  readonly models: readonly DmmfModel[];
  readonly enums: readonly DmmfEnum[];
  readonly indexes: readonly DmmfIndex[];
  /** What the DMMF leaves out, from the schema text (schema-text.ts). */
  readonly text: SchemaTextFacts;
}

/**
 * Parses and validates schema files with Prisma's own WebAssembly parser. Prisma 7 rejects a
 * `url` in the datasource block; retort reads it itself (datasource.ts), so it is blanked here.
 */
export function parseDmmf(files: readonly (readonly [path: string, text: string])[]): Dmmf {
  const { facts, forDmmf } = readSchemaText(files);
  let datamodel: Omit<Dmmf, "text">;
  try {
    datamodel = dmmfOf(forDmmf);
  } catch {
    // An `@@ignore` model may be one Prisma accepts only while ignored (no unique criteria):
    // then it stays out, and Prisma's own errors, if any, come from the text as written.
    datamodel = dmmfOf(files);
  }
  return { ...datamodel, text: facts };
}

function dmmfOf(files: readonly (readonly [path: string, text: string])[]): Omit<Dmmf, "text"> {
  const prismaSchema = files.map(([path, text]) => [path, blankDatasourceUrls(text)]);
  try {
    // `get_datamodel` is the DMMF's `datamodel` alone: `get_dmmf` also builds Prisma Client's
    // query schema, megabytes of JSON (seconds on a schema of 70 models) that are never read.
    return JSON.parse(getDatamodel(JSON.stringify({ prismaSchema }))) as Omit<Dmmf, "text">;
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    let message = raw;
    try {
      message = (JSON.parse(raw) as { message: string }).message;
    } catch {
      // not Prisma's JSON error envelope: keep the text as it is
    }
    // eslint-disable-next-line no-control-regex
    throw new RetortError("prisma_schema_invalid", `The Prisma schema is not valid:\n${message.replace(/\x1b\[[0-9;]*m/g, "")}\nFix the schema (\`prisma validate\` shows the same errors).`);
  }
}

/** Keeps line numbers intact so Prisma's error locations still point at the user's file. */
function blankDatasourceUrls(text: string): string {
  return text.replace(/(datasource\s+\w+\s*\{)([^}]*)\}/g, (_m, head: string, body: string) =>
    `${head}${body.replace(/^(\s*)(url|directUrl|shadowDatabaseUrl)\s*=.*$/gm, "$1")}}`,
  );
}
