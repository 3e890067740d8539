import type { IncludeName, ObjectType, Operation } from "@retort/core";

/** What `includeObject` receives as the object: enough to decide, plain data. */
export interface IncludeObjectSubject {
  readonly schema: string | null;
  readonly table: string | null;
  readonly name: string | null;
}

export type IncludeObject = (
  object: IncludeObjectSubject,
  name: string | null,
  type: ObjectType,
  reflected: boolean,
  compareTo: unknown,
) => boolean;

/** `(ctx) => boolean | undefined`: undefined falls back to retort's default rule. */
export type CompareHook<Ctx = unknown> = boolean | ((ctx: Ctx) => boolean | undefined);

/** `retort.config.ts` (docs/reference.md §1). Every key is optional except a model source. */
export interface RetortConfig {
  /** Module exporting the app's TypeORM DataSource (default export or the only DataSource). */
  dataSource?: string;
  /** Entity file globs, used with `url` instead of a DataSource. */
  entities?: string | readonly string[];
  /**
   * A Prisma schema (`./prisma/schema.prisma`) or a folder of `.prisma` files, instead of
   * TypeORM entities (docs/reference.md §1): its datasource gives the engine and the URL.
   */
  prisma?: string;
  /** postgres://…, mysql://…, mariadb://…, sqlite:path. */
  url?: string;
  /** The script directory. Default `./migrations`. */
  migrations?: string;
  /** Default `retort_version`. */
  versionTable?: string;
  compareType?: CompareHook;
  compareServerDefault?: CompareHook;
  includeSchemas?: boolean;
  includeObject?: IncludeObject;
  includeName?: IncludeName;
  renderAsBatch?: boolean;
  processRevisionDirectives?: (ctx: unknown, revision: unknown, directives: unknown[]) => void;
  rewriter?: unknown;
  /** One transaction per revision (default) instead of one per run. */
  transactionPerMigration?: boolean;
  /** Seconds to wait for the migration lock. Default 60. */
  lockTimeout?: number;
  /**
   * Seconds a migration's statement may wait for a table lock held by someone else
   * (PostgreSQL `lock_timeout`, MySQL `lock_wait_timeout`, SQLite busy timeout) before it
   * fails. Default: the server's own setting (PostgreSQL and MySQL wait for a long time).
   */
  ddlLockTimeout?: number;
  /** `upgrade` and `check` refuse (exit 2) when an applied migration was edited. Default false (a warning). */
  strictChecksums?: boolean;
  /** Formatters run on new migration files. Default `["prettier"]`. */
  postWrite?: readonly ("prettier" | { readonly command: string })[];
}

/** Types a config file: `export default defineConfig({ ... })`. */
export function defineConfig(config: RetortConfig): RetortConfig {
  return config;
}

export type { Operation };
