import { statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { tsconfigFor } from "./project-tsconfig";

/**
 * The parts of TypeScript's module resolution that Node lacks, for imports made by the
 * user's own files (never by packages in node_modules): `paths` aliases of the importing
 * file's tsconfig, and `.js` specifiers that name `.ts` sources (NodeNext), or no
 * extension at all (Bundler). Shared by the CommonJS hook and the ESM resolve hook.
 */

/** The tsconfig aliases a bare specifier stands for from `parentFile`, with the tsconfig that defines them. */
export function aliasCandidates(specifier: string, parentFile: string): { tsconfig: string; files: string[] } | null {
  if (!isBare(specifier) || parentFile.includes("/node_modules/")) return null;
  const tsconfig = tsconfigFor(parentFile);
  const files = tsconfig?.matchPaths?.(specifier) ?? [];
  return files.length === 0 ? null : { tsconfig: tsconfig!.path, files };
}

/**
 * The TypeScript source a relative (or absolute, or alias-expanded) specifier names
 * when Node finds nothing there: `./User.js` → `./User.ts`, `./User` → `./User.ts` or
 * `./User/index.ts`. Undefined when there is none.
 */
export function typeScriptSourceFor(target: string): string | undefined {
  for (const candidate of sourceCandidates(target)) if (isFile(candidate)) return candidate;
  return undefined;
}

function sourceCandidates(target: string): string[] {
  const js = /\.(m|c)?js$/.exec(target);
  if (js) {
    const stem = target.slice(0, -js[0].length);
    const ts = `.${js[1] ?? ""}ts`;
    return js[1] ? [stem + ts] : [stem + ts, `${stem}.tsx`];
  }
  return [target, ...[".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"].map((ext) => target + ext), ...["index.ts", "index.js"].map((i) => `${target}/${i}`)];
}

/** The absolute path a relative or absolute specifier points at from `parentFile`. */
export function targetOf(specifier: string, parentFile: string): string | undefined {
  if (isAbsolute(specifier)) return specifier;
  if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") return resolve(dirname(parentFile), specifier);
  return undefined;
}

function isBare(specifier: string): boolean {
  return !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The message for an alias none of whose files exist: it names the importer and the tsconfig. */
export function unresolvedAliasMessage(specifier: string, parentFile: string, alias: { tsconfig: string; files: string[] }): string {
  return (
    `Cannot find module '${specifier}' imported from ${parentFile}: it matches "paths" in ${alias.tsconfig}, ` +
    `but none of ${alias.files.join(", ")} exists (with .ts, .js or /index). Fix the alias or the import.`
  );
}
