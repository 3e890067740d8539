import type { EngineCapabilities } from "../engine";

export const postgresCapabilities: EngineCapabilities = {
  transactionalDdl: true,
  // https://www.postgresql.org/docs/15/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
  concurrentIndexes: true,
  defaultInValues: true,
  // The protocol allows 65535 per statement; stay well below it.
  maxBindParameters: 30000,
};
