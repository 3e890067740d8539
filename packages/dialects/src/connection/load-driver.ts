import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * Loads a driver package from the user's project first (retort uses the project's own
 * driver, as TypeORM does), then from wherever retort itself is installed.
 */
export function loadDriver<T>(name: string, projectDir: string = process.cwd()): T | undefined {
  for (const req of [createRequire(join(projectDir, "__retort__.js")), require]) {
    try {
      return req(name) as T;
    } catch (e) {
      if (!isModuleNotFound(e, name)) throw e;
    }
  }
  return undefined;
}

function isModuleNotFound(e: unknown, name: string): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === "MODULE_NOT_FOUND" && (err.message ?? "").includes(`'${name}'`);
}
