import type { EngineCapabilities } from "../engine";

export const mysqlCapabilities: EngineCapabilities = {
  // Each DDL statement commits implicitly: https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html
  transactionalDdl: false,
  concurrentIndexes: false,
  defaultInValues: true,
  maxBindParameters: 30000,
};
