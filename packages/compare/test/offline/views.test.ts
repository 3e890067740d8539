import { expect } from "chai";
import { applyOperations, column, columnType, reverseAll, table, view, type SchemaModel, type ViewModel } from "@retort/core";
import { compareSchemas, describeOperations } from "../../src";
import { model } from "../support/models";

const orders = (totalType = "integer") =>
  table("orders", { columns: [column("id", "integer", { nullable: false }), column("total", columnType(totalType))], primaryKey: { name: null, columns: ["id"] } });
const withViews = (views: ViewModel[], totalType?: string): SchemaModel => ({ ...model("postgres", [orders(totalType)]), views });
const big = (threshold = 10) => view("big_orders", `SELECT id, total FROM orders WHERE total > ${threshold}`);
const top = view("top_orders", "SELECT id FROM big_orders ORDER BY total DESC LIMIT 3");
const kinds = (m: SchemaModel, n: SchemaModel, options = {}) => describeOperations(compareSchemas(m, n, options)).map((e) => `${e.kind} ${e.name ?? e.table}`);

describe("compareSchemas: views", () => {
  it("creates views after the tables they read, a view after the views it reads", () => {
    const ops = compareSchemas(withViews([big(), top]), { ...model("postgres", []), views: [] });
    expect(ops.map((o) => (o.kind === "createView" ? `${o.kind} ${o.view.name}` : o.kind))).to.deep.equal([
      "createTable",
      "createView big_orders",
      "createView top_orders",
    ]);
  });

  it("reports a changed definition as modify_view, and a new one as add_view", () => {
    expect(kinds(withViews([big(20), top]), withViews([big(10)]))).to.deep.equal(["modify_view big_orders", "add_view top_orders"]);
  });

  it("compares the entity side in the engine's spelling when it was given", () => {
    const stored = new Map([["big_orders", " SELECT orders.id,\n    orders.total\n   FROM orders\n  WHERE (orders.total > 10);"]]);
    const actual = withViews([view("big_orders", "SELECT orders.id,\n    orders.total\n   FROM orders\n  WHERE (orders.total > 10)")]);
    expect(kinds(withViews([big()]), actual)).to.deep.equal(["modify_view big_orders"]);
    expect(kinds(withViews([big()]), actual, { storedViewDefinitions: stored })).to.deep.equal([]);
  });

  it("leaves a view no entity declares alone, unless it is the migrations' own or includeObject says true", () => {
    const handMade = view("hand_made", "SELECT 1 AS one");
    expect(kinds(withViews([]), withViews([handMade]))).to.deep.equal([]);
    expect(kinds(withViews([]), withViews([handMade]), { managedViews: new Set(["hand_made"]) })).to.deep.equal(["remove_view hand_made"]);
    expect(kinds(withViews([]), withViews([handMade]), { includeObject: (_o: unknown, _n: unknown, type: string) => type === "view" })).to.deep.equal([
      "remove_view hand_made",
    ]);
    expect(kinds(withViews([]), withViews([handMade]), { includeObject: (_o: unknown, _n: unknown, type: string) => type !== "view" })).to.deep.equal([]);
  });

  it("drops the views reading a retyped column before the change and puts them back after, reporting the column alone", () => {
    const target = withViews([big(), top], "bigint");
    const actual = withViews([big(), top]);
    const ops = compareSchemas(target, actual);
    expect(ops.map((o) => (o.kind === "createView" || o.kind === "dropView" ? `${o.kind} ${o.view.name}` : o.kind))).to.deep.equal([
      "dropView top_orders",
      "dropView big_orders",
      "alterColumn",
      "createView big_orders",
      "createView top_orders",
    ]);
    expect(describeOperations(ops).map((e) => e.kind)).to.deep.equal(["modify_type"]);
    expect(applyOperations(actual, ops)).to.deep.equal(target);
    expect(applyOperations(target, reverseAll(ops))).to.deep.equal(actual);
  });

  it("a materialized view's indexes are part of it", () => {
    const mv = (unique: boolean) =>
      view("stats", "SELECT total, count(*) AS n FROM orders GROUP BY total", {
        materialized: true,
        indexes: [{ name: "stats_total", parts: [{ column: "total", expression: null, descending: false }], unique, where: null, method: null }],
      });
    const ops = compareSchemas(withViews([mv(true)]), withViews([mv(false)]));
    expect(ops.map((o) => o.kind)).to.deep.equal(["replaceView"]);
    expect(applyOperations(withViews([mv(false)]), ops)).to.deep.equal(withViews([mv(true)]));
  });
});
