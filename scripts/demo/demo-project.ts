import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

export const REPO = resolve(__dirname, "..", "..", "..");
export const EXAMPLE = join(REPO, "examples", "blog");

/** What the example keeps that the demo makes itself (`retort init`, `autogen`) or must not share. */
const LEFT_OUT = new Set(["retort.config.ts", "migrations", "node_modules", "blog.sqlite"]);

/**
 * A copy of examples/blog in the temp folder, without its retort.config.ts (the demo runs
 * `retort init`), whose node_modules is the repo's: typeorm and @retort/cli resolve as in
 * a real install.
 */
export function copyExample(example = EXAMPLE): string {
  const dir = mkdtempSync(join(tmpdir(), "retort-demo-"));
  cpSync(example, dir, { recursive: true, filter: (source) => source === example || !LEFT_OUT.has(basename(source)) });
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Replaces `before` by `after` in a project file; the example must still contain `before`. */
export function editFile(dir: string, file: string, before: string, after: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(before)) throw new Error(`${file} no longer contains:\n${before}\n(the demo's edit needs updating)`);
  writeFileSync(path, text.replace(before, after));
}

/** The migration files (their order is not their history: names carry random revision ids). */
export function migrationFiles(dir: string): string[] {
  const folder = join(dir, "migrations");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join("migrations", f));
}
