import type { Queryable, SchemaModel } from "@retort/core";
import { catalogStamp, connect } from "@retort/dialects";
import { isDeepStrictEqual } from "node:util";
import type { DatabaseAddress } from "../project/session";

/**
 * What `check --watch`'s worker keeps of the database between checks (docs/performance.md,
 * "check --watch"): the connection to a server (a SQLite file is opened afresh each time,
 * since it may have been replaced), and the last catalog read, reused while the engine's
 * catalog stamp (EngineCatalog.catalogStamp) is the one read with it. Engines without a
 * stamp are read every time.
 */
export class KeptDatabase {
  private open?: { readonly address: DatabaseAddress; readonly db: Queryable };
  private kept?: { readonly address: DatabaseAddress; readonly stamp: string; readonly model: SchemaModel };
  /** Did the last `connect` hand out the connection kept from an earlier check (which the server may have closed since)? */
  reusedConnection = false;

  /** A connection to `address`; the kept one is handed out with a `close` that leaves it open. */
  async connect(address: DatabaseAddress): Promise<Queryable> {
    this.reusedConnection = this.open !== undefined && isDeepStrictEqual(this.open.address, address);
    if (this.reusedConnection) return leftOpen(this.open!.db);
    await this.closeOpen();
    const db = await connect(address.url, address.connect);
    if (db.dialect === "sqlite") return db;
    this.open = { address, db };
    return leftOpen(db);
  }

  /**
   * The database's catalog: the kept one when the stamp read now is the one read with it
   * (then `onSent` is told at once), else `read()`'s, kept with the stamp.
   */
  async catalog(db: Queryable, address: DatabaseAddress, read: () => Promise<SchemaModel>, onSent?: () => void): Promise<SchemaModel> {
    const stamp = await catalogStamp(db);
    if (stamp !== null && this.kept?.stamp === stamp && isDeepStrictEqual(this.kept.address, address)) {
      onSent?.();
      return this.kept.model;
    }
    this.kept = undefined;
    const model = await read();
    if (stamp !== null) this.kept = { address, stamp, model };
    return model;
  }

  /** Drops what is kept (after a failed read: the connection may be broken). */
  async forget(): Promise<void> {
    this.kept = undefined;
    await this.closeOpen();
  }

  private async closeOpen(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    await open?.db.close().catch(() => undefined);
  }
}

function leftOpen(db: Queryable): Queryable {
  const catalogRows = db.catalogRows?.bind(db);
  return {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    ...(catalogRows ? { catalogRows } : {}),
    close: async () => undefined,
  };
}
