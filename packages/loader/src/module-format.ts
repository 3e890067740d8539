import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type ModuleFormat = "commonjs" | "module";

/**
 * The format Node gives a file: `.mjs`/`.mts` are ES modules, `.cjs`/`.cts` CommonJS, and
 * `.js`/`.ts` follow the `type` of the nearest package.json (CommonJS without one).
 * TypeScript decides the same way under NodeNext, so a file is compiled to the format
 * it runs as under the user's own toolchain.
 */
export function formatOf(filename: string): ModuleFormat {
  if (/\.m[jt]s$/.test(filename)) return "module";
  if (/\.c[jt]s$/.test(filename)) return "commonjs";
  return packageTypeOf(dirname(filename));
}

const typeByFolder = new Map<string, ModuleFormat>();

function packageTypeOf(folder: string): ModuleFormat {
  const known = typeByFolder.get(folder);
  if (known !== undefined) return known;
  let type: ModuleFormat;
  const manifest = readPackageJson(join(folder, "package.json"));
  if (manifest !== undefined) type = manifest.type === "module" ? "module" : "commonjs";
  else type = dirname(folder) === folder || folder.endsWith("/node_modules") ? "commonjs" : packageTypeOf(dirname(folder));
  typeByFolder.set(folder, type);
  return type;
}

function readPackageJson(file: string): { type?: unknown } | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as { type?: unknown };
  } catch {
    return {}; // Node fails on it when it matters; as a scope boundary it is CommonJS
  }
}
