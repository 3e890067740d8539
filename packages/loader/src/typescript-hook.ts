import { readFileSync } from "node:fs";
import Module from "node:module";
import { formatOf } from "./module-format";
import { registerEsmHooks } from "./register-esm";
import { compileTypeScript } from "./typescript-compile";
import { aliasCandidates, targetOf, typeScriptSourceFor, unresolvedAliasMessage } from "./typescript-resolution";

/**
 * The CommonJS side of loading user TypeScript: a require hook for `.ts`/`.cts`/`.mts`
 * compiling with swc (typescript-compile.ts), and TypeScript's resolution additions
 * (tsconfig `paths`, `.js` naming `.ts`) for requires made by the user's files. ES
 * modules go through the ESM hooks (esm-hooks.ts) instead, as tsx does it.
 */
const EXTENSIONS = [".ts", ".cts", ".mts"] as const;

type ModuleFormatArg = "commonjs" | "module" | undefined;
type CompileFn = (code: string, filename: string, format?: ModuleFormatArg) => unknown;
type ExtensionHandler = (module: Module, filename: string) => void;
type ResolveFilename = (request: string, parent: Module | undefined, isMain: boolean, options?: unknown) => string;

let registered = false;

/** Installs the require hook once per process; later calls do nothing. */
export function registerTypeScriptHook(): void {
  if (registered) return;
  registered = true;
  const statics = Module as unknown as { _extensions: Record<string, ExtensionHandler>; _resolveFilename: ResolveFilename };
  const handler: ExtensionHandler = (module, filename) => {
    const format = formatOf(filename);
    const js = compileTypeScript(readFileSync(filename, "utf8"), filename, format);
    // A dynamic import() of TypeScript needs the ESM hooks; registering them costs a
    // hooks thread (60-100 ms), so only modules that import dynamically pay for it.
    if (js.includes("import(")) registerEsmHooks();
    // An ES module reached through require() is handed to Node's require(esm) as one.
    (module as unknown as { _compile: CompileFn })._compile(js, filename, format === "module" ? "module" : "commonjs");
  };
  for (const ext of EXTENSIONS) statics._extensions[ext] = handler;

  const original = statics._resolveFilename;
  statics._resolveFilename = function (request, parent, isMain, options) {
    const parentFile = parent?.filename;
    if (!parentFile || parentFile.includes("/node_modules/")) return original.call(this, request, parent, isMain, options);
    const alias = aliasCandidates(request, parentFile);
    for (const file of alias?.files ?? []) {
      const source = typeScriptSourceFor(file);
      if (source !== undefined) return source;
    }
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (e) {
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") throw e;
      const target = targetOf(request, parentFile);
      const source = target === undefined ? undefined : typeScriptSourceFor(target);
      if (source !== undefined) return source;
      if (alias !== null) throw Object.assign(new Error(unresolvedAliasMessage(request, parentFile, alias)), { code: "MODULE_NOT_FOUND" });
      throw e;
    }
  };
}
