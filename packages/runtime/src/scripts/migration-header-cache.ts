import { cacheDir } from "@retort/loader";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The header fields of a migration file: what `check` and the revision graph need of it. */
export interface MigrationHeader {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createdAt: string | undefined;
}

/** Bumped when what is kept, or the rules that validate a header, change. */
const FORMAT = "retort-migration-header-1";

/**
 * The headers of migration files already loaded once, kept in the project's cache folder
 * by the file's checksum (README.md, "Caches"): a later run reads a migration's revision
 * ids without running its module, which it loads only to upgrade or downgrade.
 *
 * Only for self-contained files (`isSelfContained`): their module's exports depend on
 * their text alone, so the same text gives the same header. A missing, damaged or
 * foreign entry is a miss; caching off (`RETORT_CACHE=0`) is always a miss.
 */
export function cachedHeader(checksum: string): MigrationHeader | undefined {
  const file = entryFile(checksum);
  if (!file) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as { format?: unknown; checksum?: unknown; header?: unknown };
    return entry.format === FORMAT && entry.checksum === checksum && isHeader(entry.header) ? entry.header : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the header of a self-contained file that loaded and validated (best effort). */
export function rememberHeader(checksum: string, header: MigrationHeader): void {
  const file = entryFile(checksum);
  if (!file) return;
  const { revision, downRevisions, branchLabels, dependsOn, message, createdAt } = header;
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, checksum, header: { revision, downRevisions, branchLabels, dependsOn, message, createdAt } }), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only cache folder: the next run loads the module again
  }
}

/**
 * Does the module's text alone decide what it exports? True when it imports nothing at
 * run time: no `require(`, no `import(`, no import or re-export from another module
 * (`import type` lines excepted, which compile to nothing). Conservative: the words
 * anywhere, a comment included, make it false, and the file is then always loaded.
 */
export function isSelfContained(source: string): boolean {
  if (/\brequire\s*\(|\bimport\s*\(|^\s*import\s*["']/m.test(source)) return false;
  for (const line of source.split("\n")) {
    if (/\bfrom\s*["']/.test(line) && !/^\s*import\s+type\b[^;]*\bfrom\s*["'][^"']*["'];?\s*$/.test(line)) return false;
  }
  return true;
}

function entryFile(checksum: string): string | undefined {
  const dir = cacheDir();
  return dir === null ? undefined : join(dir, `migration-${checksum}.json`);
}

function isHeader(value: unknown): value is MigrationHeader {
  const h = value as Record<string, unknown> | null;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
  return (
    typeof h === "object" &&
    h !== null &&
    typeof h.revision === "string" &&
    strings(h.downRevisions) &&
    strings(h.branchLabels) &&
    strings(h.dependsOn) &&
    typeof h.message === "string" &&
    (h.createdAt === undefined || typeof h.createdAt === "string")
  );
}
