import type { Options } from "@swc/core";
import { readFileSync } from "node:fs";
import Module from "node:module";
import { cachedCompile } from "./compile-cache";

/**
 * Loads user TypeScript (config, entities, migrations) through a CommonJS require hook
 * that compiles with swc. Unlike esbuild-based loaders (tsx), swc emits
 * `design:type` decorator metadata, which TypeORM reads to infer column types; and it
 * transpiles a file in well under a millisecond, where ts-node takes seconds for a
 * large entity set.
 */
const SWC_OPTIONS: Options = {
  jsc: {
    parser: { syntax: "typescript", decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: "es2022",
    keepClassNames: true,
  },
  module: { type: "commonjs", ignoreDynamic: true },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};

const EXTENSIONS = [".ts", ".cts", ".mts"] as const;

type CompileFn = (code: string, filename: string) => unknown;
type ExtensionHandler = (module: Module, filename: string) => void;

let registered = false;

/** Compiles one TypeScript source to CommonJS JavaScript. */
export function compileTypeScript(source: string, filename: string): string {
  // Required here, not at the top: with every file in the compile cache, swc's native
  // binding is never loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transformSync } = require("@swc/core") as typeof import("@swc/core");
  return transformSync(source, { ...SWC_OPTIONS, filename }).code;
}

function swcVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@swc/core/package.json") as { version: string }).version;
}

/** Installs the `.ts` require hook once per process; later calls do nothing. */
export function registerTypeScriptHook(): void {
  if (registered) return;
  registered = true;
  const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
  const salt = `${swcVersion()}\u0000${JSON.stringify(SWC_OPTIONS)}`;
  const handler: ExtensionHandler = (module, filename) => {
    const source = readFileSync(filename, "utf8");
    const js = cachedCompile(source, filename, salt, () => compileTypeScript(source, filename));
    (module as unknown as { _compile: CompileFn })._compile(js, filename);
  };
  for (const ext of EXTENSIONS) extensions[ext] = handler;
}
