import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The real-schema corpus: public `schema.prisma` files with their sources (corpus.json,
 * SOURCES.md), kept outside the repo. README.md "Prisma schemas" lists what it holds.
 */
export interface CorpusEntry {
  readonly name: string;
  readonly file: string;
  readonly project: string;
  readonly models: number;
  /** The providers Prisma itself accepts the schema for. */
  readonly providers: readonly ("postgresql" | "sqlite" | "mysql")[];
  /** SQL run first on every PostgreSQL database of the case (an extension the project creates by hand). */
  readonly pgPrelude?: readonly string[];
  /** The project's own committed Prisma migrations: the MySQL oracle. */
  readonly migrations?: { readonly dir: string };
}

export const DEFAULT_CORPUS = "/work/shared/prisma-corpus";

/** RETORT_PRISMA_CORPUS, else the shared folder; `null` when neither exists. */
export function corpusDir(): string | null {
  const dir = process.env.RETORT_PRISMA_CORPUS || DEFAULT_CORPUS;
  return existsSync(join(dir, "corpus.json")) ? dir : null;
}

export function readCorpus(dir: string): CorpusEntry[] {
  return JSON.parse(readFileSync(join(dir, "corpus.json"), "utf8")) as CorpusEntry[];
}

/** The schema with its datasource's provider set (the other datasource keys kept). */
export function withProvider(text: string, provider: "postgresql" | "sqlite" | "mysql"): string {
  return text.replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"[^"]*"/, `$1"${provider}"`);
}

/** The migration files of a committed Prisma migrations folder, in order. */
export function migrationScripts(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}
