import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fixtureProject, type FixtureProject } from "./fixture-project";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..", "..", "..");
export const BLOG_EXAMPLE = join(REPO_ROOT, "examples", "blog");

/** What a run of the example leaves behind, never part of a fresh copy. */
const GENERATED = /(^|\/)(node_modules|migrations)(\/|$)|\.sqlite$/;

/** The example's source files, by path relative to the example. */
function exampleFiles(dir = BLOG_EXAMPLE): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(BLOG_EXAMPLE, path);
    if (entry.isFile() && !GENERATED.test(rel)) files[rel] = readFileSync(path, "utf8");
  }
  return files;
}

/** A fresh copy of examples/blog (with its retort.config.ts, without migrations) in the temp folder. */
export function blogProject(): FixtureProject & { read(path: string): string; edit(path: string, before: string, after: string): void } {
  const project = fixtureProject(exampleFiles());
  const read = (path: string) => readFileSync(join(project.dir, path), "utf8");
  return {
    ...project,
    read,
    edit(path, before, after) {
      const text = read(path);
      if (!text.includes(before)) throw new Error(`${path} does not contain ${before}`);
      project.write(path, text.replace(before, after));
    },
  };
}

/** Runs the example app (src/app.ts) as its README says, on DATABASE_URL. */
export function runBlogApp(dir: string, databaseUrl: string): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "src/app.ts"], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
