/**
 * The runner's only dependency on the operation API (packages/runtime/src/ops, owned by
 * the ops engineer): `createOperations({ db, dialect, emit? })` returning the `op` object
 * a migration's upgrade/downgrade receives. The runner itself calls nothing on it; the
 * tests' migrations use `execute(sql, params?)` and `getBind()` only.
 * Ops engineer: keep `createOperations` and that context shape when replacing ../ops.
 */
import type { DialectName, Queryable } from "@retort/core";
import { createOperations, type OperationsContext } from "../ops";
import type { SchemaShadow } from "../ops/schema-shadow";
import { OfflineQueryError } from "./runner-errors";

export type MigrationOp = ReturnType<typeof createOperations>;

export function onlineOperations(db: Queryable, extra: Pick<OperationsContext, "outsideTransaction" | "noTransactionStandsAlone"> = {}): MigrationOp {
  return createOperations({ db, dialect: db.dialect, ...extra });
}

export function offlineOperations(dialect: DialectName, emit: (sql: string) => void, shadow?: SchemaShadow): MigrationOp {
  return createOperations({ db: offlineQueryable(dialect), dialect, emit, ...(shadow ? { shadow } : {}) });
}

/** Stands in for a connection in --sql mode: any query is a mistake. */
function offlineQueryable(dialect: DialectName): Queryable {
  return {
    dialect,
    query: async () => {
      throw new OfflineQueryError();
    },
    close: async () => undefined,
  };
}
