import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectionTarget } from "./connection-url";
import { describeDriverError } from "./driver-errors";
import { loadDriver } from "./load-driver";

type Mysql2Module = typeof import("mysql2/promise");
type ServerTarget = Extract<ConnectionTarget, { family: "postgres" | "mysql" }>;

export async function connectMysql(target: ServerTarget, projectDir?: string, connectTimeoutMs?: number): Promise<Queryable> {
  const mysql = loadDriver<Mysql2Module>("mysql2/promise", projectDir);
  if (!mysql) throw new MissingDriverError(["mysql2"], "MySQL/MariaDB");
  let conn: Awaited<ReturnType<Mysql2Module["createConnection"]>>;
  try {
    conn = await mysql.createConnection({
      host: target.host,
      port: target.port,
      database: target.database || undefined,
      user: target.user,
      password: target.password,
      // Catalog values as text: no lossy number or date conversion.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: target.params.charset,
      ...(connectTimeoutMs === undefined ? {} : { connectTimeout: connectTimeoutMs }),
    });
  } catch (e) {
    throw new ConnectionError(
      { dialect: "MySQL/MariaDB", host: target.host, port: target.port, database: target.database },
      describeDriverError(e),
      { cause: e },
    );
  }
  conn.on("error", () => undefined);
  const [versionRows] = await conn.query("SELECT VERSION() AS v");
  const version = String((versionRows as { v: string }[])[0]?.v ?? "");
  return {
    dialect: /mariadb/i.test(version) ? "mariadb" : "mysql",
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const [rows] = await conn.query(sql, params as unknown[] | undefined);
      return (Array.isArray(rows) ? rows : []) as Row[];
    },
    close: () => conn.end(),
  };
}
