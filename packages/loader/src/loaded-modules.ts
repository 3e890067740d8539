import { sep } from "node:path";

/**
 * The user modules (not packages) loaded so far, with their exports: CommonJS ones from
 * Node's require cache, ES modules from the registry the ESM load hook feeds (esm-hooks.ts
 * appends `registrationOf(...)` to each user ES module). `retort check` uses it to point at
 * the entity file behind a difference.
 */
export function* loadedUserModules(): Iterable<{ readonly file: string; readonly exports: unknown }> {
  for (const mod of Object.values(require.cache)) {
    if (mod && !mod.filename.includes(`${sep}node_modules${sep}`)) yield { file: mod.filename, exports: mod.exports };
  }
  const esm = (globalThis as Record<symbol, Map<string, unknown> | undefined>)[ESM_REGISTRY];
  for (const [file, namespace] of esm ?? []) yield { file, exports: namespace };
}

const ESM_REGISTRY = Symbol.for("retort.loaded-es-modules");

/** Source appended to a user ES module: it imports its own namespace and records it under its file name. */
export function registrationOf(url: string, file: string): string {
  return (
    `\nimport * as __retortOwnNamespace from ${JSON.stringify(url)};\n` +
    `(globalThis[Symbol.for("retort.loaded-es-modules")] ??= new Map()).set(${JSON.stringify(file)}, __retortOwnNamespace);\n`
  );
}
