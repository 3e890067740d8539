import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVER_URLS, type TestTarget } from "./targets";

/** A database made for one test run (or one test), dropped afterwards. */
export interface TestDatabase {
  readonly target: TestTarget;
  /** Connection URL for retort (`sqlite:` URLs carry `?driver=`). */
  readonly url: string;
  /** Database name (file path on SQLite). */
  readonly name: string;
  drop(): Promise<void>;
}

/** Unique per process and call, so parallel runs on one server never collide. */
export function uniqueDatabaseName(prefix = "retort_t"): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminPostgres(sql: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: SERVER_URLS.postgres });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function adminMysql(sql: string): Promise<void> {
  const mysql = await import("mysql2/promise");
  const conn = await mysql.createConnection(SERVER_URLS.mysql);
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

export async function createTestDatabase(target: TestTarget): Promise<TestDatabase> {
  const name = uniqueDatabaseName();
  switch (target.family) {
    case "postgres":
      await adminPostgres(`CREATE DATABASE "${name}"`);
      return {
        target,
        name,
        url: withDatabase(SERVER_URLS.postgres, name),
        drop: () => adminPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      };
    case "mysql":
      await adminMysql(`CREATE DATABASE \`${name}\``);
      return {
        target,
        name,
        url: withDatabase(SERVER_URLS.mysql, name),
        drop: () => adminMysql(`DROP DATABASE IF EXISTS \`${name}\``),
      };
    case "sqlite": {
      const dir = mkdtempSync(join(tmpdir(), "retort-test-"));
      const file = join(dir, `${name}.sqlite`);
      return {
        target,
        name: file,
        url: `sqlite:${file}?driver=${target.sqliteDriver ?? "better-sqlite3"}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
  }
}

/** Whether the target's server answers at all (SQLite always does). */
export async function isReachable(target: TestTarget): Promise<true | string> {
  try {
    if (target.family === "postgres") await adminPostgres("SELECT 1");
    else if (target.family === "mysql") await adminMysql("SELECT 1");
    else await import(target.sqliteDriver ?? "better-sqlite3");
    return true;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
