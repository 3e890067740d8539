import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectOptions } from "./connect";
import { connectTimeoutMs, timeoutReason } from "./connect-timeout";
import type { ConnectionTarget } from "./connection-url";
import { describeDriverError } from "./driver-errors";
import { loadDriver } from "./load-driver";

type Mysql2Module = typeof import("mysql2/promise");
type ServerTarget = Extract<ConnectionTarget, { family: "postgres" | "mysql" }>;

export async function connectMysql(target: ServerTarget, options: ConnectOptions = {}): Promise<Queryable> {
  const mysql = loadDriver<Mysql2Module>("mysql2/promise", options.projectDir);
  if (!mysql) throw new MissingDriverError(["mysql2"], "MySQL/MariaDB");
  const timeoutMs = connectTimeoutMs(target.params, options.connectTimeoutMs);
  // TypeORM's `socketPath`, `?socketPath=` or `?socket=`, or a host that is a socket file.
  const socketPath = target.params.socketPath ?? target.params.socket ?? (target.host.startsWith("/") ? target.host : undefined);
  let conn: Awaited<ReturnType<Mysql2Module["createConnection"]>>;
  try {
    conn = await mysql.createConnection({
      host: socketPath ? undefined : target.host,
      port: socketPath ? undefined : target.port,
      socketPath,
      database: target.database || undefined,
      user: target.user,
      password: target.password,
      // Catalog values as text: no lossy number or date conversion.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: target.params.charset,
      connectTimeout: timeoutMs,
      ssl: sslOption(options.ssl, target.params),
    });
  } catch (e) {
    const timedOut = (e as { code?: string }).code === "ETIMEDOUT";
    throw new ConnectionError(
      { dialect: "MySQL/MariaDB", host: socketPath ?? target.host, port: target.port, database: target.database },
      timedOut ? timeoutReason(timeoutMs) : describeDriverError(e),
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

/** The DataSource's `ssl` object as TypeORM passes it, else `?ssl=true` / `?sslmode=require`. */
function sslOption(fromDataSource: unknown, params: Readonly<Record<string, string>>): object | undefined {
  if (fromDataSource && typeof fromDataSource === "object") return fromDataSource;
  const mode = params.sslmode ?? params.ssl;
  // libpq's meaning: `require` encrypts without verifying the certificate; `true` verifies.
  if (mode === "require" || mode === "required" || mode === "no-verify") return { rejectUnauthorized: false };
  if (fromDataSource === true || mode === "true" || mode === "verify-full") return {};
  return undefined;
}
