import { column, columnType, index, table, type Operation, type Queryable } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, quotingFor, renderOperation, type RenderContext } from "../../src";

/** Names a renderer that forgets to quote (or quotes naively) breaks on. */
const ODD = ["order", 'we"ird', "we`ird", "select", "Mixed Case"] as const;

describeEachTarget("DDL renderers quote identifiers on the real engine", (ctx) => {
  let db: Queryable;
  let rc: RenderContext;
  before(async () => {
    db = await connect(ctx.db.url);
    rc = { dialect: db.dialect, serverVersion: null };
  });
  after(() => db.close());

  const run = async (op: Operation) => {
    for (const sql of renderOperation(op, rc)) await db.query(sql);
  };
  const q = (name: string) => quotingFor(db.dialect).ident(name);

  for (const name of ODD) {
    it(`creates, alters, indexes, renames and drops a table named ${name}`, async () => {
      const cols = [
        column("id", "integer", { nullable: false }),
        column(name, columnType("varchar", { length: 20 }), { nullable: false, default: "'it''s'" }),
        column("group", "integer"),
      ];
      await run({
        kind: "createTable",
        table: table(name, {
          columns: cols,
          primaryKey: { name: `${name}_pk`, columns: ["id"] },
          uniques: [{ name: `${name}_uq`, columns: [name], deferrable: null }],
          checks: [{ name: `${name}_ck`, expression: `${q("id")} >= 0` }],
          indexes: [index(`${name}_ix`, ["group"])],
          foreignKeys: [
            { name: `${name}_fk`, columns: ["group"], referencedSchema: null, referencedTable: name, referencedColumns: ["id"], onDelete: "SET NULL", onUpdate: "NO ACTION", deferrable: null },
          ],
        }),
      });
      await db.query(`INSERT INTO ${q(name)} (id, ${q("group")}) VALUES (1, NULL)`);
      await run({ kind: "addColumn", schema: null, table: name, column: column("from", "integer") });
      await run({
        kind: "alterColumn",
        schema: null,
        table: name,
        column: "from",
        changes: { name: { from: "from", to: `${name}2` } },
        existing: column("from", "integer"),
      });
      await run({ kind: "createIndex", schema: null, table: name, index: index(`${name}_ix2`, [`${name}2`], { unique: true }), concurrently: false });
      await run({ kind: "dropIndex", schema: null, table: name, index: index(`${name}_ix2`, []), concurrently: false });
      await run({ kind: "renameTable", schema: null, table: name, newName: `${name} renamed` });
      const rows = await db.query(`SELECT id, ${q(name)} AS v, ${q(`${name}2`)} AS w FROM ${q(`${name} renamed`)}`);
      expect(rows).to.deep.equal([{ id: 1, v: "it's", w: null }]);
      await run({ kind: "dropTable", table: table(`${name} renamed`) });
    });
  }
});
