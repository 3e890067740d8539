import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where fetched packages are kept between runs (never committed: it is under node_modules). */
export const CORPUS_CACHE = resolve(__dirname, "..", "..", "..", "..", "..", "node_modules", ".cache", "retort-corpus");

function run(command: string, args: readonly string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (is the npm registry reachable?): ${result.stderr || result.stdout || result.error?.message}`);
  }
}

/**
 * The unpacked tarball of `name@version` from the npm registry (`npm pack`, the ordinary
 * client), fetched once and kept in CORPUS_CACHE. Returns the package's root folder.
 * Unpacked into a temp folder first and renamed, so two runs fetching at once never
 * see half a package.
 */
export function fetchPackage(name: string, version: string): string {
  const root = join(CORPUS_CACHE, `${name.replace("/", "+")}@${version}`);
  if (existsSync(join(root, "package.json"))) return root;
  mkdirSync(CORPUS_CACHE, { recursive: true });
  const work = mkdtempSync(join(CORPUS_CACHE, ".fetch-"));
  try {
    run("npm", ["pack", `${name}@${version}`, "--silent", "--pack-destination", work], work);
    const tarball = spawnSync("sh", ["-c", "ls *.tgz"], { cwd: work, encoding: "utf8" }).stdout.trim();
    run("tar", ["xzf", tarball], work);
    try {
      renameSync(join(work, "package"), root);
    } catch (e) {
      if (!existsSync(join(root, "package.json"))) throw e; // another run got there first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return root;
}
