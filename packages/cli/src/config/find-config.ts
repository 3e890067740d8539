import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const CONFIG_FILE_NAMES = [
  "retort.config.ts",
  "retort.config.mts",
  "retort.config.cts",
  "retort.config.js",
  "retort.config.mjs",
  "retort.config.cjs",
  "retort.config.json",
] as const;

/** The nearest config file in `startDir` or one of its parents, else undefined. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
