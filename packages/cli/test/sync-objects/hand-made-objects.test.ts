import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { FixtureProject } from "../support/fixture-project";
import { CONFIG, configWith, diffKinds, latestMigration, objectsProject, retortOk, runSql } from "./sync-objects-project";

/**
 * Issue 11 item 3: objects no entity declares (functions, procedures, triggers, sequences,
 * views made by hand) are left alone by check, autogen, upgrade and downgrade unless the
 * config's `includeObject` opts in (docs/schema-objects.md, "Objects the entities do not declare").
 */

const orders = (withNote: boolean) => `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "orders" })
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column() total!: number;
${withNote ? `  @Column({ length: 100, nullable: true }) note!: string;\n` : ""}}
`;

/** The hand-made objects of each engine: SQL that creates them, and a query listing their names. */
function handMade(family: string): { create: string[]; names: string } {
  switch (family) {
    case "postgres":
      return {
        create: [
          `CREATE FUNCTION audit_total() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.total := abs(NEW.total); RETURN NEW; END $$`,
          `CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_total()`,
          `CREATE PROCEDURE reset_totals() LANGUAGE sql AS $$ UPDATE orders SET total = 0 $$`,
          `CREATE SEQUENCE invoice_numbers START 1000`,
          `CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100`,
        ],
        names: `SELECT proname AS name FROM pg_proc WHERE proname IN ('audit_total', 'reset_totals')
          UNION ALL SELECT tgname FROM pg_trigger WHERE tgname = 'orders_audit'
          UNION ALL SELECT relname FROM pg_class WHERE relname IN ('invoice_numbers', 'big_orders') ORDER BY 1`,
      };
    case "mysql":
      return {
        create: [
          "CREATE FUNCTION double_total(t INT) RETURNS INT DETERMINISTIC RETURN t * 2",
          "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW SET NEW.total = ABS(NEW.total)",
          "CREATE PROCEDURE reset_totals() UPDATE orders SET total = 0",
          "CREATE SEQUENCE invoice_numbers START WITH 1000",
          "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100",
        ],
        names: `SELECT ROUTINE_NAME AS name FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
          UNION ALL SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
          UNION ALL SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('SEQUENCE', 'VIEW') ORDER BY 1`,
      };
    default:
      // SQLite has no functions, procedures or sequences of its own (functions live in the application).
      return {
        create: [
          `CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN UPDATE orders SET total = abs(total) WHERE id = NEW.id; END`,
          `CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100`,
        ],
        names: `SELECT name FROM sqlite_master WHERE name IN ('orders_audit', 'big_orders') ORDER BY 1`,
      };
  }
}

const EXPECTED_NAMES: Readonly<Record<string, string[]>> = {
  postgres: ["audit_total", "big_orders", "invoice_numbers", "orders_audit", "reset_totals"],
  mysql: ["big_orders", "double_total", "invoice_numbers", "orders_audit", "reset_totals"],
  sqlite: ["big_orders", "orders_audit"],
};

describeEachTarget("objects the entities do not declare: left alone unless includeObject opts in", (ctx) => {
  let project: FixtureProject;
  const objects = handMade(ctx.target.family);
  const names = async () => (await runSql<{ name: string }>(ctx.db.url, objects.names)).map((r) => r.name).sort();
  before(async function () {
    this.timeout(120_000);
    project = objectsProject(ctx.target.name, ctx.db.url, { "order.ts": orders(false) });
    retortOk(project, ["autogen", "-m", "orders"]);
    retortOk(project, ["upgrade"]);
    for (const sql of objects.create) await runSql(ctx.db.url, sql);
  });
  after(() => project?.remove());

  it("check exits 0 with the hand-made objects in the database", async function () {
    this.timeout(60_000);
    expect(await names()).to.deep.equal(EXPECTED_NAMES[ctx.target.family]);
    retortOk(project, ["check"]);
  });

  it("autogen → upgrade → check 0 → downgrade -1: the objects survive, and the migration never names them", async function () {
    this.timeout(180_000);
    project.write("src/entities/order.ts", orders(true));
    expect(diffKinds(project)).to.deep.equal(["add_column orders.note"]);
    retortOk(project, ["autogen", "-m", "order note"]);
    const file = latestMigration(project);
    for (const name of EXPECTED_NAMES[ctx.target.family]!) expect(file, name).to.not.include(name);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
    expect(await names()).to.deep.equal(EXPECTED_NAMES[ctx.target.family]);
    retortOk(project, ["downgrade", "-1"]);
    expect(await names()).to.deep.equal(EXPECTED_NAMES[ctx.target.family]);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
  });

  it("includeObject opts in to manage the hand-made view (and to ignore it again)", function () {
    this.timeout(60_000);
    project.write("retort.config.ts", configWith("() => true"));
    expect(diffKinds(project)).to.deep.equal(["remove_view big_orders"]);
    project.write("retort.config.ts", configWith(`(object, name, type) => !(type === "view" && name === "big_orders")`));
    expect(diffKinds(project)).to.deep.equal([]);
    project.write("retort.config.ts", CONFIG);
  });
});
