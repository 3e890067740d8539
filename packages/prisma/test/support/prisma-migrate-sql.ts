import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The SQL `prisma migrate diff --from-empty --to-schema … --script` writes, produced by
 * Prisma's own schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`, a dev
 * dependency): the oracle of the Prisma tests (README.md "Prisma schemas").
 *
 * The engine asks a driver adapter for a connection; a diff from empty needs no database,
 * so the adapter here answers its probe queries with empty results and runs nothing.
 */
export async function prismaMigrateSql(written: string, provider: "postgres" | "sqlite"): Promise<string> {
  // Prisma 7 refuses a datasource `url` in the schema (it moved to prisma.config.ts).
  const schema = written.replace(/(datasource\s+\w+\s*\{)([^}]*)\}/g, (_m, head: string, body: string) =>
    `${head}${body.replace(/^(\s*)(url|directUrl|shadowDatabaseUrl)\s*=.*$/gm, "$1")}}`,
  );
  const engine = await loadEngine();
  const ok = <T>(value: T) => ({ ok: true, value });
  const connection = {
    provider,
    adapterName: provider === "postgres" ? "@prisma/adapter-pg" : "@prisma/adapter-better-sqlite3",
    queryRaw: async () => ok({ columnNames: [], columnTypes: [], rows: [] }),
    executeRaw: async () => ok(0),
    executeScript: async () => ok(undefined),
    startTransaction: async () => {
      throw new Error("the offline Prisma oracle opens no transactions");
    },
    getConnectionInfo: () => ok({ schemaName: provider === "postgres" ? "public" : undefined, supportsRelationJoins: false }),
    dispose: async () => ok(undefined),
  };
  const adapter = { provider, adapterName: connection.adapterName, connect: async () => ok(connection), connectToShadowDb: async () => ok(connection) };
  const files = [["schema.prisma", schema]];
  const e = await engine.SchemaEngine.new({ datamodels: files }, () => {}, adapter);
  const result = await e.diff({
    from: { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return (result.stdout as string).replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n/m, "");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let loaded: Promise<any> | undefined;

/** The package is built for bundlers (`import "./x.wasm"`); Node needs the module instantiated by hand. */
function loadEngine() {
  return (loaded ??= (async () => {
    const dir = join(dirname(require.resolve("@prisma/prisma-schema-wasm")), "..", "..", "schema-engine-wasm");
    const bg = await import(pathToFileURL(join(dir, "schema_engine_bg.js")).href);
    const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, "schema_engine_bg.wasm")), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })());
}
