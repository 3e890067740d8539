import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const REPO_NODE_MODULES = resolve(__dirname, "..", "..", "..", "..", "..", "node_modules");
const LOADER = resolve(__dirname, "..", "..", "src", "index.js");
const CODE_CACHE = resolve(__dirname, "..", "..", "src", "code-cache.js");

export interface LoaderProject {
  readonly dir: string;
  write(relativePath: string, content: string): string;
  /** Loads `file` with loadModule in a fresh Node process (cwd = the project) and returns what `print(mod)` printed. */
  load(file: string, print: string, env?: NodeJS.ProcessEnv): string;
  remove(): void;
}

/**
 * A user project in the temp folder with a node_modules of its own (so that its cache,
 * node_modules/.cache/retort, is its own), in which the named packages of the repo are linked.
 */
export function loaderProject(files: Readonly<Record<string, string>>, packages: readonly string[] = ["reflect-metadata"]): LoaderProject {
  const dir = mkdtempSync(join(tmpdir(), "retort-loader-project-"));
  mkdirSync(join(dir, "node_modules"));
  for (const name of packages) symlinkSync(join(REPO_NODE_MODULES, name), join(dir, "node_modules", name), "dir");
  const project: LoaderProject = {
    dir,
    write(relativePath, content) {
      const file = join(dir, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    load(file, print, env = {}) {
      const script =
        `require(${JSON.stringify(CODE_CACHE)}).installCodeCache();\n` +
        `require(${JSON.stringify(LOADER)}).loadModule(${JSON.stringify(join(dir, file))})` +
        `.then((mod) => console.log(${print}), (e) => { console.log("ERROR " + e.message); process.exitCode = 2; });`;
      try {
        return execFileSync(process.execPath, ["-e", script], {
          cwd: dir,
          env: { ...process.env, RETORT_CACHE: "", RETORT_CACHE_DIR: "", RETORT_COMPILE_CACHE: "", ...env },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        }).trim();
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        return `${err.stdout ?? ""}${err.stderr ?? ""}`.trim();
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) project.write(path, content);
  return project;
}

/** A decorator that does nothing: the tests read the metadata TypeScript emits for it. */
export const COL = "function Col(): PropertyDecorator { return () => undefined; }\n";

/** Prints design:type of `Class.prop` as the constructor's name. */
export const designType = (klass: string, prop: string): string =>
  `(Reflect.getMetadata("design:type", ${klass}.prototype, ${JSON.stringify(prop)}) ?? { name: "none" }).name`;
