import { CountingQueryable, view, type Queryable } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect, renderOperation, storedViewDefinitions } from "../../src";

/**
 * View definitions, proved as defaults are (docs/architecture.md): each is written with
 * retort's DDL, reflected, and the entity side (the same text, spelled by the engine
 * through `storedViewDefinitions`) must equal what was reflected; a different
 * definition must not.
 */
const DEFINITIONS = [
  "SELECT id, name FROM items",
  "select   i.id ,\n  i.name\n from items i   where i.price > 10",
  `SELECT i.id AS "key", upper(i.name) AS shout FROM items i WHERE i.name <> 'it''s' ORDER BY i.id`,
  "SELECT id FROM items WHERE price BETWEEN 1 AND 5 OR name IN ('a', 'b')",
  "SELECT count(*) AS n, max(price) AS top FROM items GROUP BY name HAVING count(*) > 1",
  "SELECT CASE WHEN price IS NULL THEN 0 ELSE price END AS p FROM items",
  "SELECT a.id, b.name FROM items a JOIN items b ON b.id = a.id",
];

const quoteFor = (db: Queryable) => (name: string) => (db.dialect === "postgres" || db.dialect === "sqlite" ? `"${name}"` : `\`${name}\``);

async function createViews(db: Queryable): Promise<void> {
  for (const [i, definition] of DEFINITIONS.entries()) {
    for (const sql of renderOperation({ kind: "createView", view: view(`v${i}`, definition) }, { dialect: db.dialect, serverVersion: null }))
      await db.query(sql);
  }
}

describeEachTarget("view definitions round-trip through the engine", (ctx) => {
  let db: Queryable;
  before(async () => {
    db = await connect(ctx.db.url);
    await db.query("CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20), price NUMERIC(10,2))");
    await createViews(db);
  });
  // The per-run database goes with everything in it.
  after(() => db.close().catch(() => undefined));

  it("the entity text, spelled by the engine, equals the reflected definition", async () => {
    const reflected = (await introspect(db)).views;
    expect(reflected.map((v) => v.name)).to.deep.equal(DEFINITIONS.map((_d, i) => `v${i}`));
    const entity = DEFINITIONS.map((d, i) => view(`v${i}`, d));
    const stored = await storedViewDefinitions(db, entity, reflected);
    for (const [i, definition] of DEFINITIONS.entries()) {
      expect(stored.get(`v${i}`), definition).to.equal(reflected[i]!.definition);
    }
  });

  it("a different definition does not spell like the stored one", async () => {
    const reflected = (await introspect(db)).views;
    const stored = await storedViewDefinitions(db, [view("v1", "SELECT i.id, i.name FROM items i WHERE i.price > 11")], reflected);
    expect(stored.get("v1")).to.not.equal(reflected[1]!.definition);
  });

  it("leaves no probe view behind, and a definition the engine refuses is simply not spelled", async () => {
    const reflected = (await introspect(db)).views;
    const stored = await storedViewDefinitions(db, [view("v0", "SELECT no_such_column FROM items")], reflected);
    // SQLite keeps the text it is given (no server spelling to ask for); the servers refuse the probe.
    expect(stored.get("v0")).to.equal(db.dialect === "sqlite" ? "SELECT no_such_column FROM items" : undefined);
    expect((await introspect(db)).views).to.deep.equal(reflected);
  });

  it("reads views in a constant number of catalog queries", async () => {
    const withViews = new CountingQueryable(db);
    await introspect(withViews);
    for (const i of DEFINITIONS.keys()) await db.query(`DROP VIEW ${quoteFor(db)(`v${i}`)}`);
    const without = new CountingQueryable(db);
    try {
      await introspect(without);
    } finally {
      await createViews(db);
    }
    expect(withViews.count).to.equal(without.count);
  });
});
