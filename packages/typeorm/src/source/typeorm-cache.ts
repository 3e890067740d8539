import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { TypeormDataSource } from "../typeorm-shapes";

/** The options retort reads from a DataSource once its entities are built (connection, bookkeeping tables, `synchronize`). */
const KEPT_OPTIONS = ["type", "url", "host", "port", "username", "password", "database", "schema", "socketPath", "ssl", "synchronize", "migrationsTableName", "metadataTableName"] as const;

/** What the model cache keeps of a DataSource's options. */
export function keptOptions(options: TypeormDataSource["options"]): TypeormDataSource["options"] {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_OPTIONS) if ((options as Record<string, unknown>)[key] !== undefined) kept[key] = (options as Record<string, unknown>)[key];
  return kept as TypeormDataSource["options"];
}

let converterStamp: string | undefined;

/** The build of the converter (mtimes of its files under `root`): a rebuilt retort of the same version is another tool. */
export function converterBuild(root: string): string {
  if (converterStamp !== undefined) return converterStamp;
  const hash = createHash("sha1");
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) visit(path);
      else if (e.name.endsWith(".js")) hash.update(`${path}\0${statSync(path).mtimeMs}\0`);
    }
  };
  visit(root);
  return (converterStamp = hash.digest("hex"));
}

/** The `typeorm` package Node resolves from the project (its folder and version), read without loading it. */
export function installedTypeorm(from: string): { readonly path: string; readonly version: string } | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "node_modules", "typeorm", "package.json");
    try {
      const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
      return { path: manifest, version };
    } catch {
      if (dirname(dir) === dir) return null;
    }
  }
}
