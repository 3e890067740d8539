import type { Options } from "@swc/core";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { cachedCompile } from "./compile-cache";
import { applyMetadataTypes, planMetadataTypes } from "./decorator-metadata-types";
import type { ModuleFormat } from "./module-format";
import { tsconfigFor, type ProjectTsconfig } from "./project-tsconfig";
import { aliasCandidates, targetOf, typeScriptSourceFor } from "./typescript-resolution";

/**
 * Compiles user TypeScript with swc, which keeps `design:type` decorator metadata (unlike
 * esbuild-based loaders) and transpiles a file in well under a millisecond, to the format
 * the file runs as (module-format.ts), with the decorator options of its own tsconfig
 * (project-tsconfig.ts). Results go through the compile cache, keyed by everything that
 * changes them.
 */
export function compileTypeScript(source: string, filename: string, format: ModuleFormat): string {
  const tsconfig = tsconfigFor(filename);
  const options = swcOptions(tsconfig, format);
  const plan = options.jsc?.transform?.decoratorMetadata ? planMetadataTypes(source, strictNullChecks(tsconfig), (s) => importedFile(s, filename)) : null;
  const key = `${OUTPUT_REVISION}\u0000${swcVersion()}\u0000${format}\u0000${JSON.stringify(options)}\u0000${plan?.key ?? ""}`;
  return cachedCompile(source, filename, key, (entry) => {
    const input = plan === null ? source : applyMetadataTypes(source, plan, swc());
    return replaceableExports(cycleSafeMetadata(transform(input, filename, options, entry)));
  });
}

function strictNullChecks(tsconfig: ProjectTsconfig | null): boolean {
  const options = tsconfig?.compilerOptions ?? {};
  return options.strictNullChecks ?? options.strict ?? false;
}

/** The TypeScript file an import of the user's names (relative or a `paths` alias), if any. */
function importedFile(specifier: string, parentFile: string): string | undefined {
  const target = targetOf(specifier, parentFile);
  if (target !== undefined) return typeScriptSourceFor(target);
  for (const file of aliasCandidates(specifier, parentFile)?.files ?? []) {
    const source = typeScriptSourceFor(file);
    if (source !== undefined) return source;
  }
  return undefined;
}

/** Bumped whenever the loader changes what it does to swc's output. */
const OUTPUT_REVISION = "retort-loader-6";

function swcOptions(tsconfig: ProjectTsconfig | null, format: ModuleFormat): Options {
  const compilerOptions = tsconfig?.compilerOptions ?? {};
  // Without a tsconfig, the settings TypeORM needs; with one, what it says (as tsc would).
  const legacyDecorator = tsconfig === null || compilerOptions.experimentalDecorators === true;
  const decoratorMetadata = legacyDecorator && (tsconfig === null || compilerOptions.emitDecoratorMetadata === true);
  return {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: false },
      transform: {
        legacyDecorator,
        decoratorMetadata,
        ...(legacyDecorator ? {} : { decoratorVersion: "2022-03" as const }),
        useDefineForClassFields: compilerOptions.useDefineForClassFields ?? definesClassFieldsByDefault(compilerOptions.target),
      },
      target: "es2022",
      keepClassNames: true,
    },
    module: format === "module" ? { type: "es6" } : { type: "commonjs", ignoreDynamic: true },
    sourceMaps: true,
    swcrc: false,
    configFile: false,
  };
}

/** tsc's default for `useDefineForClassFields`: true from target ES2022 on. */
function definesClassFieldsByDefault(target: string | undefined): boolean {
  const t = (target ?? "es5").toLowerCase();
  return t === "esnext" || (/^es(\d{4})$/.test(t) && Number(t.slice(2)) >= 2022);
}

/**
 * swc's output with its source map referenced: from a file beside the compile cache's
 * entry when there is one, else inline. An inline map is kept by V8 twice per module (in
 * the source and as its `sourceMappingURL`): at a thousand entities and a large initial
 * migration, tens of megabytes of a `check`'s peak memory (docs/performance.md).
 */
function transform(source: string, filename: string, options: Options, entry: string | null): string {
  const { code, map } = swc().transformSync(source, { ...options, filename });
  if (map === undefined) return code;
  if (entry !== null) {
    try {
      writeFileSync(`${entry}.map`, map, { mode: 0o600 });
      return `${code}\n//# sourceMappingURL=${pathToFileURL(`${entry}.map`).href}`;
    } catch {
      // no map file: inline below
    }
  }
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}`;
}

/**
 * Loads the compiler ahead of need (`check --watch`'s worker, idle after its first check,
 * whose files all came from the compile cache): the next save then does not wait for
 * swc's native binding to load (some 40–50 ms).
 */
export function loadCompilerAhead(): void {
  try {
    swc();
  } catch {
    // a missing compiler is reported when a file needs it
  }
}

/** Required when first needed, not at the top: with every file in the compile cache, swc's native binding is never loaded. */
function swc(): typeof import("@swc/core") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@swc/core") as typeof import("@swc/core");
}

/**
 * swc reads a decorated member's type eagerly, as `typeof X === "undefined" ? Object : X`.
 * When two entities import each other (User ↔ Post), X is the other module's class binding
 * before that module has run: a getter over a `let` in swc's CommonJS output, a live
 * binding in ESM, and reading it throws "Cannot access 'Post' before initialization". tsc's
 * CommonJS output reads `undefined` there instead, so `design:type` is simply not the class
 * (TypeORM takes relation types from their `() => Post` thunks). Read it the same way here:
 * a binding not yet initialised counts as undefined, hence Object.
 */
export function cycleSafeMetadata(js: string): string {
  return js.replace(
    /typeof ([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?) === "undefined" \? Object : \1/g,
    (_all, name: string) => `(() => { try { return typeof ${name} === "undefined" ? Object : ${name}; } catch { return Object; } })()`,
  );
}

/**
 * swc's CommonJS exports are getters defined non-configurable; tsc's are plain writable
 * properties. Configurable getters keep swc's live bindings and let `check --watch`
 * point a module's exports object at a new version of the module (docs/performance.md,
 * "check --watch").
 */
export function replaceableExports(js: string): string {
  return js
    .replace(/(function _export\(target, all\) \{\s*for\s*\(var name in all\)\s*Object\.defineProperty\(target, name, \{\s*)enumerable: true,/, "$1configurable: true, enumerable: true,")
    .replace(/^(Object\.defineProperty\(exports, "[^"]+", \{\s*)enumerable: true,(\s*get:)/gm, "$1configurable: true, enumerable: true,$2");
}

function swcVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@swc/core/package.json") as { version: string }).version;
}
