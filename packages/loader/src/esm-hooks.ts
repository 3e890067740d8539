import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { registrationOf } from "./loaded-modules";
import { formatOf } from "./module-format";
import { compileTypeScript } from "./typescript-compile";
import { aliasCandidates, targetOf, typeScriptSourceFor, unresolvedAliasMessage } from "./typescript-resolution";

/**
 * Node's ESM loader hooks (registered with `module.register()` by register-esm.ts; they
 * run on Node's hooks thread): `resolve` adds TypeScript's resolution (tsconfig `paths`,
 * `./User.js` naming `User.ts`, extensionless imports) for imports made by the user's
 * files; `load` compiles TypeScript ES modules with swc. A TypeScript file whose format is
 * CommonJS goes to Node's CommonJS loader, where the require hook compiles it.
 */
interface ResolveContext {
  readonly parentURL?: string;
  readonly conditions?: readonly string[];
}
interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
interface LoadResult {
  readonly format: string;
  readonly source?: string | Buffer | null;
  readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
type NextLoad = (url: string, context?: unknown) => Promise<LoadResult>;

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const parentFile = context.parentURL?.startsWith("file:") ? fileURLToPath(context.parentURL) : undefined;
  if (parentFile === undefined || parentFile.includes("/node_modules/")) return nextResolve(specifier, context);
  const alias = aliasCandidates(specifier, parentFile);
  for (const file of alias?.files ?? []) {
    const source = typeScriptSourceFor(file);
    if (source !== undefined) return { url: pathToFileURL(source).href, shortCircuit: true };
  }
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") throw e;
    const target = targetOf(specifier.startsWith("file:") ? fileURLToPath(specifier) : specifier, parentFile);
    const source = target === undefined ? undefined : typeScriptSourceFor(target);
    if (source !== undefined) return { url: pathToFileURL(source).href, shortCircuit: true };
    if (alias !== null) throw Object.assign(new Error(unresolvedAliasMessage(specifier, parentFile, alias)), { code: "ERR_MODULE_NOT_FOUND" });
    throw e;
  }
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  if (!url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!/\.[cm]?ts$/.test(file)) {
    const loaded = await nextLoad(url, context);
    // A user's JavaScript ES module (an EntitySchema file…) is recorded like a TypeScript one.
    if (loaded.format !== "module" || file.includes("/node_modules/") || loaded.source == null) return loaded;
    return { ...loaded, source: String(loaded.source) + registrationOf(url, file) };
  }
  if (formatOf(file) === "commonjs") return { format: "commonjs", shortCircuit: true };
  const source = compileTypeScript(readFileSync(file, "utf8"), file, "module") + registrationOf(url, file);
  return { format: "module", source, shortCircuit: true };
}
