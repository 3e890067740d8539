import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { dataSourceModule, fixtureProject, latestMigration, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

/** Views (issue 11 item 1): synchronize → check 0, detection, and the round trip on every engine. */

const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';
const OPTED_IN = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts", includeObject: () => true });\n';

const orderEntity = (totalType: string) => `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "orders" })
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) customer!: string;
  @Column(${JSON.stringify(totalType)}) total!: number;
}
`;

interface ViewsOptions {
  readonly threshold: number;
  readonly customerTotals: boolean;
  readonly smallOrders: boolean;
  readonly materialized: boolean;
}

function viewEntities(o: ViewsOptions): string {
  return `import { DataSource, Index, ViewColumn, ViewEntity } from "typeorm";
import { Order } from "./order";

@ViewEntity({ name: "big_orders", expression: \`
  SELECT o.id, o.customer, o.total FROM orders o WHERE o.total > ${o.threshold}
\` })
export class BigOrder {
  @ViewColumn() id!: number;
  @ViewColumn() customer!: string;
  @ViewColumn() total!: number;
}
${o.customerTotals ? `
@ViewEntity({
  name: "customer_totals",
  expression: (ds: DataSource) => ds.createQueryBuilder().select("o.customer", "customer").addSelect("SUM(o.total)", "sum").from(Order, "o").groupBy("o.customer"),
})
export class CustomerTotal {
  @ViewColumn() customer!: string;
  @ViewColumn() sum!: number;
}
` : ""}${o.smallOrders ? `
@ViewEntity({ name: "small_orders", expression: "SELECT id FROM big_orders WHERE total < 1000" })
export class SmallOrder {
  @ViewColumn() id!: number;
}
` : ""}${o.materialized ? `
@ViewEntity({ name: "order_stats", materialized: true, expression: "SELECT customer, count(*) AS n FROM orders GROUP BY customer" })
@Index("order_stats_customer", ["customer"], { unique: true })
export class OrderStat {
  @ViewColumn() customer!: string;
  @ViewColumn() n!: number;
}
` : ""}`;
}

function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

async function reflected(url: string): Promise<SchemaModel> {
  const db = await connect(url);
  try {
    return await introspect(db, {});
  } finally {
    await db.close();
  }
}

async function runSql(url: string, sql: string): Promise<void> {
  const db = await connect(url);
  try {
    await db.query(sql);
  } finally {
    await db.close();
  }
}

function diffKinds(project: FixtureProject): string[] {
  const run = runRetort(["check", "--json"], project.dir);
  const doc = JSON.parse(run.stdout) as { operations: { kind: string; table: string | null; column: string | null; name: string | null }[] };
  return doc.operations.map((o) => `${o.kind} ${o.name ?? `${o.table}.${o.column}`}`).sort();
}


function projectFor(name: string, url: string, views: ViewsOptions, config = CONFIG): FixtureProject {
  return fixtureProject(
    {
      "src/entities/order.ts": orderEntity("integer"),
      "src/entities/views.ts": viewEntities(views),
      "src/data-source.ts": dataSourceModule(name, url),
      "retort.config.ts": config,
    },
    { typeorm: typeormFor(name) },
  );
}

describeEachTarget("views: retort's migrations build them, check sees changes, downgrade restores", (ctx) => {
  const postgres = ctx.target.family === "postgres";
  const start: ViewsOptions = { threshold: 100, customerTotals: true, smallOrders: false, materialized: postgres };
  const changed: ViewsOptions = { ...start, threshold: 200, customerTotals: false, smallOrders: true };
  const viewNames = (m: SchemaModel) => m.views.map((v) => v.name);
  let project: FixtureProject;
  before(() => {
    project = projectFor(ctx.target.name, ctx.db.url, start);
  });
  after(() => project?.remove());

  it("autogen creates the views after their table; upgrade; check 0", async function () {
    this.timeout(120_000);
    const autogen = runRetort(["autogen", "-m", "views"], project.dir);
    expectExit(autogen, 0, "autogen");
    const file = latestMigration(project);
    expect(file.indexOf("op.createTable(")).to.be.lessThan(file.indexOf("op.createView("));
    expect(file).to.include("op.dropView(");
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade");
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    const model = await reflected(ctx.db.url);
    expect(viewNames(model)).to.deep.equal(postgres ? ["big_orders", "customer_totals", "order_stats"] : ["big_orders", "customer_totals"]);
    if (postgres) expect(model.views.find((v) => v.name === "order_stats")?.indexes.map((i) => i.name)).to.deep.equal(["order_stats_customer"]);
  });

  it("detects a changed, a new and a dropped view", function () {
    this.timeout(60_000);
    project.write("src/entities/views.ts", viewEntities(changed));
    expect(diffKinds(project)).to.deep.equal(["add_view small_orders", "modify_view big_orders", "remove_view customer_totals"]);
  });

  it("round trip: autogen → upgrade → check 0 → downgrade -1 restores the views", async function () {
    this.timeout(120_000);
    const before = await reflected(ctx.db.url);
    expectExit(runRetort(["autogen", "-m", "change views"], project.dir), 0, "autogen");
    expect(latestMigration(project)).to.include("op.replaceView(");
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade");
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    expectExit(runRetort(["downgrade", "-1"], project.dir), 0, "downgrade -1");
    expect((await reflected(ctx.db.url)).views).to.deep.equal(before.views);
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade again");
  });

  it("a column change under a view drops and recreates the view around it", async function () {
    this.timeout(120_000);
    const before = await reflected(ctx.db.url);
    project.write("src/entities/order.ts", orderEntity("bigint"));
    expect(diffKinds(project)).to.deep.equal(["modify_type orders.total"]);
    expectExit(runRetort(["autogen", "-m", "widen total"], project.dir), 0, "autogen");
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade (PostgreSQL refuses to retype a column a view reads)");
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    expectExit(runRetort(["downgrade", "-1"], project.dir), 0, "downgrade -1");
    expect((await reflected(ctx.db.url)).views).to.deep.equal(before.views);
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade again");
  });

  it("leaves a view no entity declares alone, unless includeObject opts in", async function () {
    this.timeout(60_000);
    await runSql(ctx.db.url, "CREATE VIEW hand_made AS SELECT 1 AS one");
    expectExit(runRetort(["check"], project.dir), 0, "check with a hand-made view");
    project.write("retort.config.ts", OPTED_IN);
    expect(diffKinds(project)).to.deep.equal(["remove_view hand_made"]);
    project.write("retort.config.ts", CONFIG);
  });
});

describeEachTarget("views: TypeORM's synchronize → check 0", (ctx) => {
  it("string, query-builder and (PostgreSQL) materialized views with an index", function () {
    this.timeout(120_000);
    const views = { threshold: 100, customerTotals: true, smallOrders: true, materialized: ctx.target.family === "postgres" };
    const project = projectFor(ctx.target.name, ctx.db.url, views);
    try {
      project.write(
        "sync.ts",
        `import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n`,
      );
      const sync = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(project.dir + "/sync.ts")})`], {
        cwd: project.dir,
        encoding: "utf8",
      });
      expect(sync.status, sync.stderr).to.equal(0);
      const run = runRetort(["check"], project.dir);
      expectExit(run, 0, "check after synchronize");
    } finally {
      project.remove();
    }
  });
});
