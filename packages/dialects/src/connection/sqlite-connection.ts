import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectionTarget, SqliteDriverName } from "./connection-url";
import { describeDriverError } from "./driver-errors";
import { loadDriver } from "./load-driver";
import { closeSync, openSync, readSync } from "node:fs";

type SqliteTarget = Extract<ConnectionTarget, { family: "sqlite" }>;
type BetterSqlite3 = typeof import("better-sqlite3");
type Sqlite3Module = typeof import("sqlite3");

/**
 * Opens a SQLite file with whichever driver the project has: better-sqlite3 (TypeORM
 * 1.x) or sqlite3 (TypeORM 0.3's `sqlite` type), unless the URL forces one.
 */
export async function connectSqlite(target: SqliteTarget, projectDir?: string): Promise<Queryable> {
  const order: SqliteDriverName[] = target.driver ? [target.driver] : ["better-sqlite3", "sqlite3"];
  for (const name of order) {
    const driver = loadDriver<unknown>(name, projectDir);
    if (!driver) continue;
    try {
      requireSqliteFile(target.file);
      return name === "better-sqlite3" ? openBetterSqlite3(driver as BetterSqlite3, target.file) : await openSqlite3(driver as Sqlite3Module, target.file);
    } catch (e) {
      throw new ConnectionError({ dialect: "SQLite", file: target.file }, describeDriverError(e), { cause: e });
    }
  }
  throw new MissingDriverError(order, "SQLite");
}

/**
 * The drivers open lazily, so a file that is not a database would fail only at the first
 * query, as an unexplained SQLITE_NOTADB. Its header says so at once, without taking a
 * lock (a locked database is fine: the migration lock waits for it).
 * https://www.sqlite.org/fileformat.html#the_database_header
 */
function requireSqliteFile(file: string): void {
  if (file === ":memory:" || file.startsWith("file:")) return;
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return; // missing (SQLite creates it) or unreadable: the driver reports that itself
  }
  try {
    const header = Buffer.alloc(16);
    let read: number;
    try {
      read = readSync(fd, header, 0, 16, 0);
    } catch {
      return; // a folder: the driver says it cannot open it
    }
    if (read > 0 && header.toString("latin1", 0, read) !== SQLITE_HEADER.slice(0, read)) {
      throw Object.assign(new Error("file is not a database"), { code: "SQLITE_NOTADB" });
    }
  } finally {
    closeSync(fd);
  }
}

const SQLITE_HEADER = "SQLite format 3\u0000";

function openBetterSqlite3(Database: BetterSqlite3, file: string): Queryable {
  const db = new Database(file);
  return {
    dialect: "sqlite",
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const stmt = db.prepare(sql);
      if (stmt.reader) return stmt.all(...params) as Row[];
      stmt.run(...params);
      return [];
    },
    async close() {
      db.close();
    },
  };
}

function openSqlite3(sqlite3: Sqlite3Module, file: string): Promise<Queryable> {
  return new Promise((resolve, reject) => {
    const db: import("sqlite3").Database = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      resolve({
        dialect: "sqlite",
        query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
          return new Promise((res, rej) =>
            db.all(sql, params as unknown[], (e: Error | null, rows: unknown[]) => (e ? rej(e) : res((rows ?? []) as Row[]))),
          );
        },
        close: () => new Promise((res, rej) => db.close((e) => (e ? rej(e) : res()))),
      });
    });
  });
}
