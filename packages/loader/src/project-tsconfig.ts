import { createPathsMatcher, getTsconfig, type TsConfigResult } from "get-tsconfig";
import { dirname } from "node:path";

/**
 * The tsconfig.json that governs a file, as the user has it: the nearest one from the
 * file's folder up, with its `extends` chain followed (also into packages such as
 * `@tsconfig/node20`) by get-tsconfig. Each package of a monorepo thus gets its own.
 */
export interface ProjectTsconfig {
  readonly path: string;
  readonly compilerOptions: NonNullable<TsConfigResult["config"]["compilerOptions"]>;
  /** The files a `paths` alias may stand for, most specific pattern first; null without `paths`. */
  readonly matchPaths: ((specifier: string) => string[]) | null;
}

const byFolder = new Map<string, ProjectTsconfig | null>();
const getTsconfigCache = new Map<string, unknown>();

export function tsconfigFor(filename: string): ProjectTsconfig | null {
  const folder = dirname(filename);
  let found = byFolder.get(folder);
  if (found === undefined) {
    found = readTsconfig(folder);
    byFolder.set(folder, found);
  }
  return found;
}

function readTsconfig(folder: string): ProjectTsconfig | null {
  // A package inside node_modules was built with its own settings. (Workspace packages
  // are reached through symlinks, which Node resolves to their real path outside it.)
  if (folder.includes("/node_modules/")) return null;
  let result: TsConfigResult | null;
  try {
    result = getTsconfig(folder, "tsconfig.json", getTsconfigCache);
  } catch (e) {
    throw new Error(`its tsconfig cannot be read: ${(e as Error).message}`);
  }
  if (result === null) return null;
  return { path: result.path, compilerOptions: result.config.compilerOptions ?? {}, matchPaths: createPathsMatcher(result) };
}
