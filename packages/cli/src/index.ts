/**
 * @retort/cli: the `retort` binary and its programmatic API: the same functions the
 * commands use, returning results instead of printing.
 */
export { defineConfig, type RetortConfig, type IncludeObject, type CompareHook } from "./config/retort-config";
export { loadConfig, type ResolvedConfig } from "./config/load-config";
export { init, type InitResult } from "./commands/init";
export { check, type CheckResult } from "./api/check";
export type { ProjectOptions } from "./project/session";
export { main } from "./main";
// Types migration files use: `import type { MigrationOperations } from "@retort/cli"`.
export type {
  MigrationOperations,
  BatchOperations,
  ColumnDefinition,
  AlterColumnChanges,
  MigrationModule,
  MigrationBind,
} from "@retort/core";
