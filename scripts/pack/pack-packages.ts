import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO = resolve(__dirname, "..", "..", "..");

/** Where `npm run pack` puts the tarballs (ignored by git). */
export const PACKS_DIR = join(REPO, "packs");

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly workspaces?: readonly string[];
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** The workspace folders (relative to the repo) of every package that is published: all but the private ones. */
export function publishedWorkspaces(): string[] {
  return (manifest(REPO).workspaces ?? []).filter((ws) => !manifest(join(REPO, ws)).private);
}

/**
 * `npm pack` of every published package, from their built `dist/` (run `tsc -b` first),
 * into an emptied `dest`. Returns the tarball paths.
 */
export function packPackages(dest: string = PACKS_DIR): string[] {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const workspaces = publishedWorkspaces();
  const run = spawnSync("npm", ["pack", "--silent", "--pack-destination", dest, ...workspaces.flatMap((ws) => ["-w", ws])], {
    cwd: REPO,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`npm pack failed (exit ${run.status}):\n${run.stderr}`);
  const tarballs = readdirSync(dest).filter((f) => f.endsWith(".tgz"));
  if (tarballs.length !== workspaces.length) {
    throw new Error(`npm pack wrote ${tarballs.length} tarballs for ${workspaces.length} packages: ${tarballs.join(", ")}`);
  }
  return tarballs.map((f) => join(dest, f)).sort();
}
