import { dirname, join } from "node:path";
import { TypeormNotFoundError } from "../errors";
import type {
  TypeormDataSource,
  TypeormDataSourceOptions,
  TypeormMetadataArgsStorage,
  TypeormTableClass,
} from "../typeorm-shapes";

/** The user's own TypeORM, found from their project or from one of its DataSource objects. */
export interface ProjectTypeorm {
  /** The package folder (`…/node_modules/typeorm`). */
  readonly root: string;
  readonly version: string;
  readonly DataSource: new (options: TypeormDataSourceOptions) => TypeormDataSource;
  readonly Table: TypeormTableClass;
  readonly getMetadataArgsStorage: () => TypeormMetadataArgsStorage;
}

const byRoot = new Map<string, ProjectTypeorm>();

/**
 * The `typeorm` a project resolves from `projectDir`, never retort's own copy: entity
 * decorators register in that copy's metadata storage, so metadata must be built there.
 */
export function projectTypeorm(projectDir: string, file: string | null = null): ProjectTypeorm {
  let entry: string;
  try {
    entry = require.resolve("typeorm", { paths: [projectDir] });
  } catch (e) {
    throw new TypeormNotFoundError(projectDir, file, { cause: e });
  }
  return typeormAt(dirname(entry));
}

/**
 * The TypeORM a DataSource object was made by: the loaded `data-source/DataSource.js`
 * whose class is in the object's prototype chain (users may subclass DataSource).
 */
export function typeormOf(dataSource: TypeormDataSource): ProjectTypeorm {
  const classes = new Set<unknown>();
  for (let p: unknown = Object.getPrototypeOf(dataSource); p; p = Object.getPrototypeOf(p)) {
    classes.add((p as { constructor?: unknown }).constructor);
  }
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]data-source[\\/]DataSource\.js$/.test(file)) continue;
    if (classes.has((mod?.exports as { DataSource?: unknown } | undefined)?.DataSource)) return typeormAt(dirname(dirname(file)));
  }
  throw new TypeormNotFoundError(process.cwd(), null);
}

function typeormAt(root: string): ProjectTypeorm {
  const cached = byRoot.get(root);
  if (cached) return cached;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const pkg = require(join(root, "package.json")) as { version: string };
  const { DataSource } = require(join(root, "data-source", "DataSource.js")) as Pick<ProjectTypeorm, "DataSource">;
  const { Table } = require(join(root, "schema-builder", "table", "Table.js")) as Pick<ProjectTypeorm, "Table">;
  const { getMetadataArgsStorage } = require(join(root, "globals.js")) as Pick<ProjectTypeorm, "getMetadataArgsStorage">;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const found: ProjectTypeorm = { root, version: pkg.version, DataSource, Table, getMetadataArgsStorage };
  byRoot.set(root, found);
  return found;
}
