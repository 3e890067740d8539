import { ConnectionError, MissingDriverError, type Queryable } from "@retort/core";
import type { ConnectOptions } from "./connect";
import { connectTimeoutMs, timeoutReason } from "./connect-timeout";
import type { ConnectionTarget } from "./connection-url";
import { loadDriver } from "./load-driver";
import { describeDriverError } from "./driver-errors";

type PgModule = typeof import("pg");
type ServerTarget = Extract<ConnectionTarget, { family: "postgres" | "mysql" }>;

/**
 * Loads `pg` without its Cloudflare-Workers probe paying for Node's fetch: pg asks
 * `navigator.userAgent` and, where there is no `navigator` (Node 20), builds a
 * `Response`, which loads undici — some 50 ms of CPU on every run that connects. A
 * stand-in `navigator` that is not Cloudflare's answers the probe the same way
 * (Node 21+ has its own `navigator`, left as it is) and is gone once `pg` is loaded.
 */
function withoutRuntimeProbe<T>(load: () => T): T {
  const scope = globalThis as { navigator?: unknown };
  if ("navigator" in scope) return load();
  Object.defineProperty(scope, "navigator", { value: { userAgent: "Node.js" }, configurable: true, writable: true });
  try {
    return load();
  } finally {
    delete scope.navigator;
  }
}

export async function connectPostgres(target: ServerTarget, options: ConnectOptions = {}): Promise<Queryable> {
  const pg = withoutRuntimeProbe(() => loadDriver<PgModule>("pg", options.projectDir));
  if (!pg) throw new MissingDriverError(["pg"], "PostgreSQL");
  const timeoutMs = connectTimeoutMs(target.params, options.connectTimeoutMs);
  const client = new pg.Client({
    // A host starting with "/" is a unix-socket directory; pg handles it as libpq does.
    host: target.host,
    port: target.port,
    database: target.database || undefined,
    user: target.user,
    password: target.password,
    ssl: (options.ssl as boolean | object | undefined) ?? sslFromParams(target.params),
    // `?options=-c search_path=tenant1`, as libpq and TypeORM's URL pass it to the server.
    options: target.params.options,
    application_name: target.params.application_name ?? "retort",
    connectionTimeoutMillis: timeoutMs,
  });
  // A connection that drops later must not crash the process with an unhandled 'error'.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const timedOut = /timeout/i.test((e as Error)?.message ?? "");
    throw new ConnectionError(
      { dialect: "PostgreSQL", host: target.host, port: target.port, database: target.database },
      timedOut ? timeoutReason(timeoutMs) : describeDriverError(e),
      { cause: e },
    );
  }
  // Queries sent while one runs wait their turn here (pg warns when its own queue is used):
  // each goes to the server as soon as the one before it is answered.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    dialect: "postgres",
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const sent = previous.then(() => client.query(sql, params as unknown[] | undefined));
      previous = sent.catch(() => undefined);
      return ((await sent).rows ?? []) as Row[];
    },
    async catalogRows<Row>(statements: readonly string[], params?: readonly unknown[], onSent?: () => void): Promise<Row[][]> {
      if (params !== undefined && statements.length !== 1) throw new Error("catalogRows: parameters need a single statement");
      // A simple query of several statements: the server answers each in turn, with no round trip between them.
      const config = { text: statements.join(";\n"), values: params as unknown[] | undefined, types: CATALOG_TYPES };
      const sent = previous.then(() => {
        const answered = client.query(config);
        onSent?.();
        return answered;
      });
      previous = sent.catch(() => undefined);
      const answer = (await sent) as unknown as { rows: Row[] } | { rows: Row[] }[];
      return (Array.isArray(answer) ? answer : [answer]).map((result) => result.rows ?? []);
    },
    close: () => client.end(),
  };
}

/** pg type oids of the catalog columns retort reads, and how their text is taken (Queryable.catalogRows). */
const CATALOG_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  16: (text) => text === "t", // bool
  21: Number, // int2
  23: Number, // int4
  26: Number, // oid
  114: (text) => JSON.parse(text), // json
};

const CATALOG_TYPES = {
  getTypeParser: (oid: number) => CATALOG_PARSERS[oid] ?? ((text: string) => text),
};

function sslFromParams(params: Readonly<Record<string, string>>): boolean | { rejectUnauthorized: boolean } | undefined {
  const mode = params.sslmode ?? params.ssl;
  if (mode === undefined || mode === "disable" || mode === "false") return undefined;
  if (mode === "no-verify" || mode === "require" || mode === "prefer") return { rejectUnauthorized: false };
  return true;
}
