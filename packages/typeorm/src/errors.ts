import { RetortError } from "@retort/core";

/** The user's project has no `typeorm` package that retort can load. */
export class TypeormNotFoundError extends RetortError {
  constructor(
    readonly projectDir: string,
    readonly file: string | null,
    options?: { cause?: unknown },
  ) {
    super(
      "typeorm_not_found",
      `No "typeorm" package found for ${file ?? projectDir}. retort uses your project's own TypeORM (0.3.20+ or 1.x) ` +
        `so that entity decorators and metadata are shared: install it there (npm install typeorm reflect-metadata).`,
      options,
    );
  }
}

/** A DataSource module that exports no TypeORM DataSource retort can use. */
export class NoDataSourceError extends RetortError {
  constructor(
    readonly file: string,
    readonly exported: readonly string[],
    readonly reason: string,
  ) {
    super(
      "no_data_source",
      `${file} ${reason}. It exports: ${exported.length === 0 ? "nothing" : exported.join(", ")}. ` +
        `Export your TypeORM DataSource as the default export (export default new DataSource({...})) ` +
        `or as the module's only DataSource, or point the config's "dataSource" at the right file.`,
    );
  }
}

/**
 * TypeORM refused the entities while building their metadata (an invalid column type, a bad
 * relation…). When TypeORM itself crashed (a TypeError inside it) no entity is to blame, and
 * the message says so rather than promising an entity name it does not hold.
 */
export class EntityMetadataError extends RetortError {
  constructor(
    readonly source: string,
    readonly reason: string,
    options?: { cause?: unknown; internal?: boolean },
  ) {
    const advice = options?.internal
      ? "This is a crash inside TypeORM, not a problem with one entity: retort builds the metadata without connecting, as TypeORM 0.3.20+ and 1.x allow. " +
        "A TypeORM fork that creates its driver only when it connects (such as @n8n/typeorm) is not supported; point retort at a DataSource of the typeorm package."
      : "Fix the entity or column that TypeORM names.";
    super("entity_metadata_invalid", `TypeORM could not build the entity metadata of ${source}: ${reason.replace(/\.+$/, "")}. ${advice}`, options);
  }
}

/** A glob in `entities` (config or DataSource) matched no file: most often a wrong base folder. */
export class NoEntityFilesError extends RetortError {
  constructor(
    readonly patterns: readonly string[],
    readonly baseDir: string,
  ) {
    super(
      "no_entity_files",
      `No entity files match ${patterns.map((p) => `"${p}"`).join(", ")} (relative to ${baseDir}). ` +
        `Check the "entities" globs: paths in the config are relative to the config file's folder.`,
    );
  }
}

/** A DataSource type retort has no dialect for. */
export class UnsupportedDataSourceTypeError extends RetortError {
  constructor(readonly type: string) {
    super(
      "unsupported_data_source_type",
      `retort does not support TypeORM DataSource type "${type}". Use one of: postgres, mysql, mariadb, better-sqlite3, sqlite.`,
    );
  }
}
