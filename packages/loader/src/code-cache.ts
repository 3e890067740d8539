import { hash } from "node:crypto";
import Module from "node:module";
import { dirname, isAbsolute } from "node:path";
import vm from "node:vm";
import { codeCachePacks, type CodeCachePacks } from "./code-cache-packs";
import { cacheDir } from "./cache-folder";

/**
 * A V8 code cache for every CommonJS module required after `installCodeCache()`
 * (TypeORM's own files, the drivers, compiled entities, retort itself): V8 then
 * deserializes bytecode instead of parsing and compiling each file again, which is
 * most of what requiring a thousand entities and TypeORM costs. Node 20 has no
 * `module.enableCompileCache()` (Node 22), so this does what `v8-compile-cache` does:
 * it compiles the module wrapper with `vm.Script` and its `cachedData`.
 *
 * The cache is written when the process exits, after the command ran, so that it holds
 * the functions that actually ran (V8 compiles functions lazily). Entries live beside
 * the swc cache (same folder, same `RETORT_CACHE` switch: cache-folder.ts), in one pack
 * per source folder (see code-cache-packs.ts).
 */
type CompiledWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown;

/** Node 20.19+ passes the format it determined ("commonjs", "module", or undefined for a `.js` without `type`). */
type ModuleFormat = "commonjs" | "module" | "commonjs-typescript" | "module-typescript" | undefined;

interface InternalModule {
  _compile(content: string, filename: string, format?: ModuleFormat): unknown;
}

interface ModuleStatics {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
  _pathCache: Record<string, string>;
  wrap(script: string): string;
}

const SALT = `${process.version}\u0000${process.versions.v8}\u0000${process.arch}`;
let installed = false;

/** Compiles modules through the code cache from now on (once per process; off when the cache folder is). */
export function installCodeCache(): void {
  if (installed) return;
  installed = true;
  const dir = cacheDir();
  if (dir === null) return;
  const packs = codeCachePacks(dir, SALT);
  const statics = Module as unknown as ModuleStatics;
  const proto = Module.prototype as unknown as InternalModule;
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string, format?: ModuleFormat): unknown {
    // An ES module reached through require(esm) (`.mjs`, `"type": "module"`) is Node's to
    // load; so is a module that imports dynamically (it needs Node's own loader hook).
    if (format === "module" || content.includes("import(") || !vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
      return original.call(this, content, filename, format);
    }
    let wrapper: CompiledWrapper;
    try {
      wrapper = compileWrapper(packs, statics.wrap(content), filename);
    } catch (e) {
      // A `.js` without a package `type` may be ESM by its syntax: Node detects it, or
      // reports the syntax error itself.
      if (format !== "commonjs" && e instanceof SyntaxError) return original.call(this, content, filename, format);
      throw e;
    }
    return wrapper.call(this.exports, this.exports, makeRequire(this, statics), this, filename, dirname(filename));
  };
  process.once("exit", () => packs.save());
}

function compileWrapper(packs: CodeCachePacks, wrapped: string, filename: string): CompiledWrapper {
  const sourceHash = hash("sha1", wrapped, "hex");
  const cachedData = packs.lookup(filename, sourceHash);
  const script = new vm.Script(wrapped, {
    filename,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // Taken at exit, after the command ran: the data then holds the functions that ran.
  if (cachedData === undefined || script.cachedDataRejected) packs.add(filename, sourceHash, () => script.createCachedData());
  return script.runInThisContext({ displayErrors: true }) as CompiledWrapper;
}

/**
 * The `require` a module sees, as Node builds it (lib/internal/modules/helpers.js), but
 * remembering what each request resolved to from each folder. Node 20 caches neither a
 * package's `exports` resolution nor, for a module already loaded, a request from a new
 * folder: a thousand entities each requiring "typeorm" would resolve it a thousand
 * times (stat calls up the node_modules chain, then the exports map).
 */
function makeRequire(module: Module, statics: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => {
    const key = `${module.path}\u0000${id}`;
    let filename = resolved.get(key);
    if (filename === undefined) {
      filename = statics._resolveFilename(id, module, false);
      resolved.set(key, filename);
      // Node resolves the absolute name again in module.require(): answer it from its own cache.
      if (isAbsolute(filename)) statics._pathCache[`${filename}\u0000`] = filename;
    }
    const cached = statics._cache[filename];
    return cached?.loaded ? cached.exports : module.require(filename);
  }) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    statics._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = statics._extensions;
  require.cache = statics._cache;
  return require;
}

/** Folder + request → resolved file name, for this process. */
const resolved = new Map<string, string>();
