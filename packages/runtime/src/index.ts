// Revision machinery: graph, script directory, version table, lock, runner.
//   const scripts = await loadScriptDirectory("migrations");
//   const runner = new MigrationRunner({ db: await connect(url), scripts, onRevision });
//   await runner.upgrade("head");             // MigrateResult: revisions, warnings, waitedMs
//   await upgradeSql({ scripts, dialect }, "base:head"); // offline --sql, no connection
//   writeRevisionFile(scripts, { message }); writeMergeFile(scripts, ["heads"], { message });
export * from "./graph/revision-header";
export * from "./graph/revision-graph";
export * from "./graph/graph-errors";
export * from "./graph/destination";
export * from "./graph/resolve-target";
export * from "./graph/plan";
export * from "./scripts/checksum";
export * from "./scripts/migration-script";
export * from "./scripts/script-errors";
export * from "./scripts/script-directory";
export * from "./scripts/new-revision";
export * from "./version/version-table";
export * from "./version/permission-errors";
export { quoteVersionIdent } from "./version/version-table";
export * from "./lock/lock-errors";
export * from "./lock/migration-lock";
export * from "./runner/runner-errors";
export * from "./runner/interrupted-revision";
export * from "./runner/step-errors";
export * from "./runner/revision-info";
export * from "./runner/checksum-warnings";
export * from "./runner/graph-queries";
export * from "./runner/migration-runner";
export * from "./runner/offline-sql";
export type { MigrationOp } from "./runner/operations-port";
export type { Operations } from "./ops";
export { createOperations, needsNoTransaction, SqliteForeignKeyViolationError, SqliteForeignKeysOnError, SqliteTableNotFoundError, type BindQuery, type OperationsContext } from "./ops";
