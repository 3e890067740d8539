import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectionTarget } from "./connection-url";
import { loadDriver } from "./load-driver";
import { describeDriverError } from "./driver-errors";

type PgModule = typeof import("pg");
type ServerTarget = Extract<ConnectionTarget, { family: "postgres" | "mysql" }>;

export async function connectPostgres(target: ServerTarget, projectDir?: string, connectTimeoutMs?: number): Promise<Queryable> {
  const pg = loadDriver<PgModule>("pg", projectDir);
  if (!pg) throw new MissingDriverError(["pg"], "PostgreSQL");
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: target.database || undefined,
    user: target.user,
    password: target.password,
    ssl: sslFromParams(target.params),
    application_name: "retort",
    connectionTimeoutMillis: connectTimeoutMs,
  });
  // A connection that drops later must not crash the process with an unhandled 'error'.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new ConnectionError(
      { dialect: "PostgreSQL", host: target.host, port: target.port, database: target.database },
      describeDriverError(e),
      { cause: e },
    );
  }
  return {
    dialect: "postgres",
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const result = await client.query(sql, params as unknown[] | undefined);
      return (result.rows ?? []) as Row[];
    },
    close: () => client.end(),
  };
}

function sslFromParams(params: Readonly<Record<string, string>>): boolean | { rejectUnauthorized: boolean } | undefined {
  const mode = params.sslmode ?? params.ssl;
  if (mode === undefined || mode === "disable" || mode === "false") return undefined;
  if (mode === "no-verify" || mode === "require" || mode === "prefer") return { rejectUnauthorized: false };
  return true;
}
