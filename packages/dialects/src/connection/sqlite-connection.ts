import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectionTarget, SqliteDriverName } from "./connection-url";
import { describeDriverError } from "./driver-errors";
import { loadDriver } from "./load-driver";

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
      const db = name === "better-sqlite3" ? openBetterSqlite3(driver as BetterSqlite3, target.file) : await openSqlite3(driver as Sqlite3Module, target.file);
      // The drivers open lazily: a file that is not a database fails only at the first read.
      await db.query("SELECT count(*) FROM sqlite_master").catch(async (e: unknown) => {
        await db.close().catch(() => undefined);
        throw e;
      });
      return db;
    } catch (e) {
      throw new ConnectionError({ dialect: "SQLite", file: target.file }, describeDriverError(e), { cause: e });
    }
  }
  throw new MissingDriverError(order, "SQLite");
}

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
