import { RetortError } from "@retort/core";
import { statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { formatOf } from "./module-format";
import { registerEsmHooks } from "./register-esm";
import { registerTypeScriptHook } from "./typescript-hook";

/** A user file (config, entity, migration) that could not be loaded. */
export class ModuleLoadError extends RetortError {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super("module_load_failed", `Could not load ${file}: ${reason}`, options);
  }
}

/**
 * Loads a user module (TypeScript or JavaScript) by absolute path, as the format Node
 * gives it (module-format.ts): an ES module with `import()` through the ESM hooks (top-level
 * `await` included), a CommonJS module with `require()` through the require hook. Compile
 * and evaluation errors become a ModuleLoadError naming the file and, for syntax errors,
 * the line, never a bare stack trace.
 */
export async function loadModule<T = Record<string, unknown>>(absolutePath: string, options: { fresh?: boolean } = {}): Promise<T> {
  registerTypeScriptHook();
  try {
    if (formatOf(absolutePath) === "module") {
      registerEsmHooks();
      const url = pathToFileURL(absolutePath);
      // ES modules cannot leave Node's cache: a changed file gets a URL of its own.
      if (options.fresh) url.search = `retort-version=${versionOf(absolutePath)}`;
      return (await import(url.href)) as T;
    }
    if (options.fresh) delete require.cache[absolutePath];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(absolutePath) as T;
  } catch (e) {
    throw new ModuleLoadError(absolutePath, explainLoadFailure(e), { cause: e });
  }
}

function versionOf(file: string): string {
  const stat = statSync(file);
  return `${stat.mtimeMs}-${stat.size}`;
}

function explainLoadFailure(e: unknown): string {
  const err = e as { code?: string; message?: string; requireStack?: string[] };
  const message = (err.message ?? String(e)).split("\n").filter((l) => l.trim() !== "");
  if (err.code === "MODULE_NOT_FOUND" || err.code === "ERR_MODULE_NOT_FOUND") {
    const first = message[0] ?? "";
    if (first.includes('matches "paths"')) return first;
    // Node names the importer of an ES module ("imported from"); for CommonJS, its require stack does.
    const importer = err.requireStack?.[0];
    const from = importer !== undefined && !first.includes(importer) ? ` (required from ${importer})` : "";
    const bare = /Cannot find (?:module|package) '(?![./])/.test(first);
    return `${first}${from}. ${bare ? "Install the missing package, or fix the import (a tsconfig \"paths\" alias?)." : "Fix the import path."}`;
  }
  if (err.code === "GenericFailure" || /Syntax Error|Expected/.test(err.message ?? "")) {
    // swc's message starts with its own framing; keep the lines that point at the source.
    const backtrace = message.findIndex((l) => l.startsWith("Stack backtrace:"));
    return `it does not compile:\n${message.slice(0, backtrace < 0 ? 12 : Math.min(12, backtrace)).join("\n")}`;
  }
  return message[0] ?? "unknown error";
}
