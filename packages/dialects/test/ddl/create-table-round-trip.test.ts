import { column, index, table, withoutWrittenTable, type DialectRules, type Queryable, type TableModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect, mysqlRules, postgresRules, renderOperation, sqliteRules } from "../../src";

/**
 * What the renderers write, introspection reads back as the same model: a table built
 * from canonical types and defaults is created from its model and reflected unchanged.
 */
function sampleTable(family: "postgres" | "mysql" | "sqlite", rules: DialectRules): TableModel {
  const type = (t: string) => rules.parseType(t);
  const types = {
    postgres: ["integer", "varchar(40)", "numeric(10,2)", "boolean", "timestamptz(3)", "text[]"],
    mysql: ["int", "varchar(40)", "decimal(10,2)", "boolean", "datetime(3)", "json"],
    sqlite: ["integer", "varchar(40)", "numeric(10,2)", "boolean", "datetime", "text"],
  }[family];
  const name = 'we"ird order';
  return table(name, {
    columns: [
      column("id", type(types[0]!), { nullable: false, autoIncrement: family === "sqlite" ? "rowid" : null }),
      column("name", type(types[1]!), { nullable: false, default: rules.normalizeDefault("'x'", type(types[1]!)) }),
      column("amount", type(types[2]!), { default: rules.normalizeDefault("0", type(types[2]!)) }),
      column("flag", type(types[3]!), { nullable: false }),
      column("at", type(types[4]!)),
      column("extra", type(types[5]!)),
      column("parent_id", type(types[0]!)),
    ],
    primaryKey: { name: family === "postgres" ? "we_pk" : null, columns: ["id"] },
    uniques: [{ name: "we_name_uq", columns: ["name"], deferrable: null }],
    checks: [{ name: "we_amount_ck", expression: rules.normalizeExpression("amount >= 0") }],
    foreignKeys: [
      { name: "we_parent_fk", columns: ["parent_id"], referencedSchema: null, referencedTable: name, referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION", deferrable: null },
    ],
    indexes: [index("we_parent_idx", ["parent_id", { column: "name", expression: null, descending: true }])],
  });
}

async function databaseCollation(db: Queryable): Promise<string> {
  const [row] = await db.query<{ collation: string }>("SELECT @@collation_database AS collation");
  return row!.collation;
}

describeEachTarget("a table created from its model reflects as the same model", (ctx) => {
  let db: Queryable;
  before(async () => {
    db = await connect(ctx.db.url);
  });
  after(() => db.close());

  it("round-trips columns, keys, uniques, checks, foreign keys and indexes", async () => {
    const family = ctx.target.family;
    const rules = { postgres: postgresRules, mysql: mysqlRules, sqlite: sqliteRules }[family];
    const wanted = sampleTable(family, rules);
    for (const sql of renderOperation({ kind: "createTable", table: wanted }, { dialect: db.dialect, serverVersion: null })) await db.query(sql);
    const live = (await introspect(db)).tables.find((t) => t.name === wanted.name);
    // MySQL reports the table's default collation, which a model to create has none of: the database's.
    const { defaultCollation, ...reflected } = live ?? { defaultCollation: undefined };
    expect(defaultCollation, "the table's default collation").to.equal(family === "mysql" ? await databaseCollation(db) : undefined);
    // The server's own spelling of a check is kept for rendering only (docs/typeorm-coexistence.md).
    expect(live && withoutWrittenTable(reflected as TableModel)).to.deep.equal(wanted);
  });
});
