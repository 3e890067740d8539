import type { DialectName, DialectRules, Queryable, SchemaModel } from "@retort/core";
import type { Quoting } from "../ddl/identifiers";
import type { DdlRenderers } from "../ddl/render-context";
import type { IntrospectOptions } from "../introspection/introspect-options";

/**
 * Everything the runtime needs to know about one database engine, in one object per
 * engine (docs/architecture.md, "Engines"). Each engine lives in its own folder with the
 * same file names (`capabilities.ts`, `session.ts`, `lock.ts`, `catalog.ts`, `index.ts`;
 * `index.ts` also names the engine's rules, introspection and DDL renderers in `<engine>/`)
 * and is registered once in `registry.ts`; a `DialectName` without an engine, or an
 * engine missing a member, does not compile.
 */
export interface Engine {
  readonly name: DialectName;
  /** Engines that share SQL spelling and catalogs (MySQL and MariaDB are one family). */
  readonly family: EngineFamily;
  readonly capabilities: EngineCapabilities;
  readonly quoting: Quoting;
  readonly session: EngineSession;
  readonly catalog: EngineCatalog;
  /** How the engine spells types, defaults and expressions, used on both sides of a comparison. */
  readonly rules: DialectRules;
  /** The DDL for each operation kind (a record: a missing kind does not compile). */
  readonly renderers: DdlRenderers;
  /** Reads the live schema in a constant number of catalog queries. */
  introspect(db: Queryable, options: IntrospectOptions): Promise<SchemaModel>;
  /** A view definition as the engine would store it (null when it cannot tell). */
  storedViewDefinition(db: Queryable, definition: string, probe: string): Promise<string | null>;
  /** The lock `upgrade`/`downgrade` take so two deploys never migrate at once. */
  migrationLock(db: Queryable, scope: MigrationLockScope): Promise<LockPrimitive>;
}

export type EngineFamily = "postgres" | "mysql" | "sqlite";

/** What an engine can do, as data (Alembic's `transactional_ddl` and friends). */
export interface EngineCapabilities {
  /** DDL rolls back with its transaction; where it does not, runs are marked while they run. */
  readonly transactionalDdl: boolean;
  /** `CREATE/DROP INDEX CONCURRENTLY`, which must run outside any transaction. */
  readonly concurrentIndexes: boolean;
  /** A `VALUES` list accepts the `DEFAULT` keyword. */
  readonly defaultInValues: boolean;
  /** The most bind parameters retort puts in one statement. */
  readonly maxBindParameters: number;
}

/** Per-connection behaviour of the migration runner. */
export interface EngineSession {
  /** The statement that opens a migration's transaction. */
  readonly beginTransaction: string;
  /** How a statement refers to its n-th bind parameter (1-based). */
  placeholder(index: number): string;
  /** A value as this engine's driver can bind it. */
  bindValue(value: unknown): unknown;
  /** Sets how long DDL waits for another session's lock (`ddlLockTimeout`); returns the undo. */
  setDdlLockTimeout(db: Queryable, seconds: number): Promise<() => Promise<void>>;
  /** Switches foreign-key enforcement off for a migration's transaction where batch mode needs it; returns the undo. */
  suspendForeignKeys(db: Queryable): Promise<() => Promise<void>>;
  /** Rows that break a foreign key, checked before commit where enforcement was suspended. */
  foreignKeyViolations(db: Queryable): Promise<ForeignKeyViolation[]>;
}

export interface ForeignKeyViolation {
  readonly table: string;
  readonly parent: string;
}

/** Catalog questions the runtime asks. */
export interface EngineCatalog {
  /** Counts (`n`) the tables named by the one bind parameter in the current schema or database. */
  readonly tableExistsQuery: string;
  /**
   * A value that differs whenever the schema may have changed since it was read, or null
   * when the engine cannot tell cheaply: `check --watch` reuses the catalog it read on
   * the same connection while the stamp is the same (docs/performance.md, "check --watch").
   * Read it before the catalog: a change in between then shows next time.
   */
  catalogStamp(db: Queryable): Promise<string | null>;
}

export interface MigrationLockScope {
  /** One lock per version table. */
  readonly versionTable: string;
  /** Where the project is, to load the project's own SQLite driver for the lock file. */
  readonly projectDir?: string;
}

/** A lock that is tried without blocking; the runtime polls it up to `lockTimeout`. */
export interface LockPrimitive {
  /** Names the lock in messages. */
  readonly name: string;
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}
