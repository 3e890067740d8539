/**
 * @retort/cli: the `retort` binary and its programmatic API: the same functions the
 * commands use, returning results instead of printing.
 */
export { defineConfig, type RetortConfig, type IncludeObject, type CompareHook } from "./config/retort-config";
export { loadConfig, type ResolvedConfig } from "./config/load-config";
export { init, type InitResult } from "./commands/init";
export { check, type CheckResult } from "./api/check";
export { autogen, type AutogenOptions, type AutogenResult } from "./api/autogen";
export { baseline, BaselineRefusedError, type BaselineOptions, type BaselineResult } from "./api/baseline";
export {
  upgrade,
  downgrade,
  stamp,
  current,
  history,
  show,
  heads,
  branches,
  revision,
  merge,
  migrationSql,
  type MigrateOptions,
  type RevisionOptions,
} from "./api/migrations";
export type { ProjectOptions } from "./project/session";
export { main } from "./main";
// For config files: hooks that rewrite what autogen writes.
export { Rewriter, type RevisionDirective, type RevisionContext, type ProcessRevisionDirectives } from "@retort/codegen";
// Types migration files use: `import type { MigrationOperations } from "@retort/cli"`.
export type {
  MigrationOperations,
  BatchOperations,
  ColumnDefinition,
  AlterColumnChanges,
  MigrationModule,
  MigrationBind,
  Operation,
} from "@retort/core";
