import type { TypeormDriver } from "../typeorm-shapes";

/**
 * Gives the driver the version facts its `afterConnect()` would read from the server,
 * since retort builds the model without connecting TypeORM. They change what TypeORM
 * writes: MariaDB 10.7+ gets a native `uuid` column instead of `varchar(36)`, and
 * MariaDB before 10.4.3 a `longtext` for `json`.
 */
export function applyServerVersion(driver: TypeormDriver, version: string): void {
  const type = driver.options.type;
  if (type !== "mysql" && type !== "mariadb" && type !== "postgres") return;
  driver.version = version;
  if (type === "mariadb") driver.uuidColumnTypeSuported = versionAtLeast(version, "10.7.0");
}

/** TypeORM's VersionUtils.isGreaterOrEqual: numeric comparison of dotted parts. */
export function versionAtLeast(version: string, wanted: string): boolean {
  const have = version.split(".").map((p) => parseInt(p, 10) || 0);
  const want = wanted.split(".").map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i];
  }
  return true;
}
