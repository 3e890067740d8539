import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** The TypeORM a target's users have: 1.x, or 0.3 for the `sqlite3` driver (TypeORM 1.x has only better-sqlite3). */
export type TypeormVersion = "1.x" | "0.3";

const MONOREPO_MODULES = resolve(__dirname, "../../../../../node_modules");
const PACKAGE: Readonly<Record<TypeormVersion, string>> = { "1.x": "typeorm", "0.3": "typeorm-0.3" };

/** A throwaway user project whose `node_modules/typeorm` is the chosen TypeORM. */
export function createProject(version: TypeormVersion, files: Readonly<Record<string, string>>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "retort-corpus-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(MONOREPO_MODULES, PACKAGE[version]), join(dir, "node_modules", "typeorm"), "dir");
  symlinkSync(join(MONOREPO_MODULES, "reflect-metadata"), join(dir, "node_modules", "reflect-metadata"), "dir");
  for (const [relative, text] of Object.entries(files)) {
    const file = join(dir, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

type GlobalWithStorage = typeof globalThis & { typeormMetadataArgsStorage?: object };
const storages = new Map<TypeormVersion, object>();

/**
 * TypeORM keeps its decorator registry in one global, whichever copy made it; 0.3 and
 * 1.x registries are not compatible, and this process runs both. Each case switches to
 * its version's registry before its entity files load.
 */
export function useMetadataStorageOf(version: TypeormVersion): void {
  const g = globalThis as GlobalWithStorage;
  const current = g.typeormMetadataArgsStorage;
  if (current) {
    const isOld = typeof (current as { filterRelationCounts?: unknown }).filterRelationCounts === "function";
    storages.set(isOld ? "0.3" : "1.x", current);
  }
  const wanted = storages.get(version);
  if (wanted) g.typeormMetadataArgsStorage = wanted;
  else delete g.typeormMetadataArgsStorage;
}
