import type { DeclaredEngine, DialectName, GlobMatch, ModelSourceKind, OpenedModelSource, SourceProject, TruncatedName } from "@retort/core";
import { dirname, join, resolve } from "node:path";
import { builtMetadatas, loadEntities } from "../loading/build-entity-metadatas";
import { expandGlobs } from "../loading/expand-globs";
import { buildTarget, type TargetBuild } from "../model/build-target-model";
import { rebuildReplaced } from "../model/incremental-target-model";
import { unmanagedObjects } from "../model/unmanaged-objects";
import type { TypeormDataSource } from "../typeorm-shapes";
import { dataSourceConnectOptions, urlFromDataSourceOptions, type DataSourceConnectionOptions } from "./data-source-url";
import { declarationLocator, entityDeclarations, entityLocator, isEntityDeclarations } from "./entity-locations";
import { reloadInPlace, type EntityFileList, type ReplacedClasses } from "./in-place-reload";
import { entityFiles } from "../loading/load-entity-files";
import { discoverDataSource } from "./discover-data-source";
import { loadProjectDataSource, warnIfSynchronizing } from "./open-data-source";
import { typeormKeys } from "./typeorm-config";
import { otherToolsTables } from "./typeorm-bookkeeping";
import { converterBuild, installedTypeorm, keptOptions } from "./typeorm-cache";

/** What the model cache keeps of a DataSource to connect: its connection options. (Where its entities are declared is the cache's `detail`.) */
interface CachedState {
  readonly options: TypeormDataSource["options"];
}

/** A DataSource's `type` as the `--sql` dialect (docs/reference.md §2). */
const DIALECT_OF_TYPE: Record<string, DialectName> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

const FAMILY_OF_TYPE: Record<string, DeclaredEngine["family"]> = {
  postgres: "postgres",
  mysql: "mysql",
  mariadb: "mysql",
  sqlite: "sqlite",
  "better-sqlite3": "sqlite",
};

/**
 * TypeORM entities as a model source (docs/architecture.md, "Adding a model source"),
 * selected by the config's `dataSource` or `entities`.
 */
export const typeormModelSource: ModelSourceKind = {
  name: "TypeORM",
  watchFolders: (project) => {
    const { dataSource } = typeormKeys(project);
    return dataSource ? [dirname(dataSource)] : [];
  },
  async open(project) {
    const dataSource = await loadProjectDataSource(project);
    warnIfSynchronizing(project, dataSource.options);
    return openedDataSource(project, dataSource);
  },
  cache: {
    fingerprint: (project) => ({ converter: converterBuild(join(__dirname, "..")), typeorm: installedTypeorm(dirname(project.configFile)) }),
    expandGlobs: (patterns, baseDir) => expandGlobs(patterns, baseDir),
    restore(state, project) {
      const { options } = state as CachedState;
      warnIfSynchronizing(project, options);
      return connectionSide(project, options);
    },
    locator: (detail) => (isEntityDeclarations(detail) ? async () => declarationLocator(detail) : undefined),
  },
  discover: discoverDataSource,
};

/** What the DataSource's options say, without its entities: where the database is, its bookkeeping tables. */
function connectionSide(project: SourceProject, options: TypeormDataSource["options"]): Omit<OpenedModelSource, "load" | "buildModel" | "locator" | "cacheState"> {
  const type = (options as { type?: string }).type;
  const family = type ? FAMILY_OF_TYPE[type] : undefined;
  return {
    dialect: (type ? DIALECT_OF_TYPE[type] : undefined) ?? null,
    // An `entities` config builds its DataSource from the URL: only a user's DataSource can disagree with it.
    declaredEngine: typeormKeys(project).dataSource && family ? { family, declaredBy: `the DataSource's type is "${type}"` } : null,
    connection: () => {
      const connection = options as DataSourceConnectionOptions;
      return { url: urlFromDataSourceOptions(connection), ...dataSourceConnectOptions(connection) };
    },
    bookkeepingTables: (database) => otherToolsTables(options, database),
  };
}

/** A source made by an in-place reload: what its predecessor built last, and what the reload replaced. */
interface Lineage {
  /** A value, not a way to ask the predecessor: a chain of sources would keep every earlier model alive. */
  readonly previous: TargetBuild | undefined;
  readonly replaced: ReplacedClasses;
}

/** `dataSource` as a source; after an in-place reload, `userDataSource` is the one it was made from. */
function openedDataSource(project: SourceProject, dataSource: TypeormDataSource, loadedList?: EntityFileList, userDataSource = dataSource, lineage?: Lineage): OpenedModelSource {
  const { dataSource: dataSourceFile } = typeormKeys(project);
  let list = loadedList;
  let lastBuild: TargetBuild | undefined;
  return {
    ...connectionSide(project, dataSource.options),
    load: async () => {
      await loadEntities(dataSource);
      list ??= entityFileList(project, dataSource);
    },
    async reloadInPlace(changedFiles) {
      if (!list) return { fallback: "the entities were not loaded" };
      const outcome = reloadInPlace(userDataSource, list, changedFiles, dataSourceFile);
      if ("fallback" in outcome) return outcome;
      return { source: openedDataSource(project, outcome.dataSource, outcome.list, userDataSource, { previous: lastBuild, replaced: outcome.replaced }) };
    },
    async buildModel(database) {
      const truncatedNames: TruncatedName[] = [];
      const modelOptions = { defaultSchema: database.defaultSchema, dialect: database.dialect, serverVersion: database.serverVersion ?? undefined, source: dataSourceFile };
      const options = { ...modelOptions, onTruncatedName: (n: TruncatedName) => truncatedNames.push(n) };
      // After an in-place reload, only the replaced entities when nothing else can have changed.
      const prior = lineage?.previous;
      const incremental = prior && lineage ? await rebuildReplaced(dataSource, prior, lineage.replaced, options) : undefined;
      const build = incremental && "build" in incremental ? incremental.build : await buildTarget(dataSource, options);
      lastBuild = build;
      const unmanaged = await unmanagedObjects(dataSource, modelOptions);
      const buildNote =
        incremental === undefined ? undefined : "build" in incremental ? `built ${incremental.rebuilt} of ${incremental.of} entities again` : `built every entity again: ${incremental.reason}`;
      return { target: build.model, truncatedNames, unmanaged, ...(buildNote ? { buildNote } : {}) };
    },
    locator: () => entityLocator(dataSource, dataSourceFile),
    cacheState: () => {
      const metadatas = builtMetadatas(dataSource);
      const state: CachedState = { options: keptOptions(dataSource.options) };
      return { state, ...(metadatas ? { detail: entityDeclarations(metadatas) } : {}), globs: entityGlobs(project, dataSource) };
    },
  };
}

/** Where the entities of a load came from (after `loadEntities`): for `reloadInPlace`. */
function entityFileList(project: SourceProject, dataSource: TypeormDataSource): EntityFileList {
  const keys = typeormKeys(project);
  if (!keys.dataSource) {
    const baseDir = resolve(project.projectDir);
    return { given: [], patterns: keys.entities, baseDir, files: keys.entities.length === 0 ? [] : entityFiles(keys.entities, baseDir) };
  }
  const entities = dataSource.options.entities as unknown;
  const items = Array.isArray(entities) ? entities : entities && typeof entities === "object" ? Object.values(entities) : [];
  const patterns = items.filter((e): e is string => typeof e === "string");
  const baseDir = process.cwd();
  return { given: items.filter((e) => typeof e !== "string"), patterns, baseDir, files: patterns.length === 0 ? [] : entityFiles(patterns, baseDir) };
}

/** The entity globs a load expanded: the config's `entities`, or strings in the DataSource's (TypeORM resolves those against the working directory). */
function entityGlobs(project: SourceProject, dataSource: TypeormDataSource): GlobMatch[] {
  const keys = typeormKeys(project);
  const match = (patterns: readonly string[], baseDir: string): GlobMatch => ({ patterns, baseDir, files: expandGlobs(patterns, baseDir) });
  if (!keys.dataSource) return keys.entities.length === 0 ? [] : [match(keys.entities, resolve(project.projectDir))];
  const entities = dataSource.options.entities as unknown;
  const items = Array.isArray(entities) ? entities : entities && typeof entities === "object" ? Object.values(entities) : [];
  const patterns = items.filter((e): e is string => typeof e === "string");
  return patterns.length === 0 ? [] : [match(patterns, process.cwd())];
}
