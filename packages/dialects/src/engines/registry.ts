import type { DialectName } from "@retort/core";
import type { Engine } from "./engine";
import { postgresEngine } from "./postgres";
import { mariadbEngine, mysqlEngine } from "./mysql";
import { sqliteEngine } from "./sqlite";

/** The one place engines are registered: a `DialectName` missing here does not compile. */
const ENGINES: { readonly [N in DialectName]: Engine & { readonly name: N } } = {
  postgres: postgresEngine,
  mysql: mysqlEngine,
  mariadb: mariadbEngine,
  sqlite: sqliteEngine,
};

export function engineFor(name: DialectName): Engine {
  const engine = ENGINES[name] as Engine | undefined;
  if (engine === undefined) throw new Error(`unknown database engine "${String(name)}"`);
  return engine;
}

export const ENGINE_NAMES = Object.keys(ENGINES) as DialectName[];
