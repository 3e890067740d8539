import Module from "node:module";
import { pathToFileURL } from "node:url";

let registered = false;

/** Registers the ESM hooks (esm-hooks.ts) once per process, before the first ES module is imported. */
export function registerEsmHooks(): void {
  if (registered) return;
  registered = true;
  Module.register(pathToFileURL(require.resolve("./esm-hooks")).href);
}
