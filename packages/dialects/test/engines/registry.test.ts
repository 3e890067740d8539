import type { DialectName } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, ENGINE_NAMES, engineFor } from "../../src";

describe("engine registry", () => {
  it("has one engine per dialect name, each under its own name", () => {
    const names: DialectName[] = ["postgres", "mysql", "mariadb", "sqlite"];
    expect([...ENGINE_NAMES].sort()).to.deep.equal([...names].sort());
    for (const name of names) expect(engineFor(name).name).to.equal(name);
  });

  it("has every member defined (an import cycle back to the registry would leave one undefined)", () => {
    for (const name of ENGINE_NAMES) {
      const engine = engineFor(name);
      for (const [key, value] of Object.entries(engine)) expect(value, `${name}.${key}`).not.to.equal(undefined);
      for (const [key, value] of Object.entries(engine.session)) expect(value, `${name}.session.${key}`).not.to.equal(undefined);
      expect(Object.keys(engine.renderers).length, `${name}.renderers`).to.be.greaterThan(10);
    }
  });

  it("refuses an unknown name at compile time and, from untyped callers, with a clear error", () => {
    // @ts-expect-error: "oracle" is not a DialectName, so this line must not compile.
    expect(() => engineFor("oracle")).to.throw('unknown database engine "oracle"');
  });

  it("keeps MySQL and MariaDB in one family with the same behaviour", () => {
    const mysql = engineFor("mysql");
    const mariadb = engineFor("mariadb");
    expect(mysql.family).to.equal("mysql");
    expect(mariadb.family).to.equal("mysql");
    expect(mariadb.session).to.equal(mysql.session);
    expect(mariadb.capabilities).to.equal(mysql.capabilities);
  });
});

describeEachTarget("engine session and catalog on the real server", (ctx) => {
  it("finds a table by name, binds values and switches the DDL lock timeout back", async () => {
    const db = await connect(ctx.db.url);
    const engine = engineFor(db.dialect);
    const q = engine.quoting;
    try {
      await db.query(`CREATE TABLE ${q.ident("engine probe")} (id INTEGER PRIMARY KEY, flag INTEGER, note TEXT)`);
      const count = async (name: string) => Number((await db.query<{ n: unknown }>(engine.catalog.tableExistsQuery, [name]))[0]?.n);
      expect(await count("engine probe")).to.equal(1);
      expect(await count("no such table")).to.equal(0);

      const p = engine.session.placeholder;
      await db.query(`INSERT INTO ${q.ident("engine probe")} (id, flag, note) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [1, engine.session.bindValue(7), engine.session.bindValue({ a: 1 })]);
      const rows = await db.query<{ flag: unknown; note: unknown }>(`SELECT flag, note FROM ${q.ident("engine probe")}`);
      expect(Number(rows[0]?.flag)).to.equal(7);
      expect(JSON.parse(String(rows[0]?.note))).to.deep.equal({ a: 1 });

      const restore = await engine.session.setDdlLockTimeout(db, 2);
      await restore();
      const violations = await engine.session.foreignKeyViolations(db);
      expect(violations).to.deep.equal([]);
    } finally {
      await db.query(`DROP TABLE ${q.ident("engine probe")}`).catch(() => undefined);
      await db.close();
    }
  });
});
