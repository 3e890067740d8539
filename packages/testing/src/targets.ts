import type { DialectName } from "@retort/core";

/**
 * A test target is one engine reached through one driver. SQLite runs twice, once per
 * driver a user's project may have (better-sqlite3 for TypeORM 1.x, sqlite3 for 0.3).
 */
export interface TestTarget {
  /** Shown in test titles and matched by RETORT_REQUIRE_DIALECTS. */
  readonly name: "postgres" | "mariadb" | "sqlite" | "sqlite3";
  /** The dialect family the target belongs to (`mariadb` is reflected as `mysql`'s sibling). */
  readonly family: "postgres" | "mysql" | "sqlite";
  readonly sqliteDriver?: "better-sqlite3" | "sqlite3";
}

export const ALL_TARGETS: readonly TestTarget[] = [
  { name: "postgres", family: "postgres" },
  { name: "mariadb", family: "mysql" },
  { name: "sqlite", family: "sqlite", sqliteDriver: "better-sqlite3" },
  { name: "sqlite3", family: "sqlite", sqliteDriver: "sqlite3" },
];

/** Server URLs the tests create their databases on; override to test another server. */
export const SERVER_URLS = {
  postgres: process.env.RETORT_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  mysql: process.env.RETORT_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
};

/**
 * Dialect families that must run. In CI `.ci/run` sets
 * RETORT_REQUIRE_DIALECTS=postgres,mysql,sqlite: an unreachable one is then a failure,
 * never a skip. Locally an unreachable server only marks its tests pending.
 */
export function requiredFamilies(): ReadonlySet<string> {
  const raw = process.env.RETORT_REQUIRE_DIALECTS ?? "";
  return new Set(
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (s === "mariadb" ? "mysql" : s)),
  );
}

/** Targets selected by RETORT_TEST_TARGETS (comma list of names), all by default. */
export function selectedTargets(): readonly TestTarget[] {
  const only = process.env.RETORT_TEST_TARGETS;
  if (!only) return ALL_TARGETS;
  const names = new Set(only.split(",").map((s) => s.trim()));
  return ALL_TARGETS.filter((t) => names.has(t.name));
}

export type { DialectName };
