import type { EngineCapabilities } from "../engine";

export const sqliteCapabilities: EngineCapabilities = {
  transactionalDdl: true,
  concurrentIndexes: false,
  // No DEFAULT keyword in VALUES: rows are sent in runs that share the same keys.
  defaultInValues: false,
  // SQLITE_MAX_VARIABLE_NUMBER was 999 before 3.32.
  maxBindParameters: 999,
};
