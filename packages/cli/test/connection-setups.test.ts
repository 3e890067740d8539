import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

/**
 * Issue 10 item 15: what TypeORM and the drivers honour, retort honours: a PostgreSQL
 * `search_path` in the URL's `options`, the DataSource's `schema`, a unix-socket `host`
 * (PostgreSQL) or `socketPath` (MySQL/MariaDB).
 */
const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Widget {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) name!: string;
}
`;

function ok(run: RetortRun): RetortRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
}

async function query<R>(url: string, sql: string): Promise<R[]> {
  const db = await connect(url);
  try {
    return await db.query<R>(sql);
  } finally {
    await db.close();
  }
}

/** autogen → upgrade → check exits 0: the whole cycle works on that connection. */
function cycle(project: FixtureProject, args: readonly string[] = []): void {
  ok(runRetort(["autogen", "-m", "widgets", ...args], project.dir));
  ok(runRetort(["upgrade", ...args], project.dir));
  const check = runRetort(["check", ...args], project.dir);
  expect(check.code, check.stdout + check.stderr).to.equal(0);
}

function project(dataSourceOptions: string): FixtureProject {
  return fixtureProject({
    "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    "src/entities/widget.ts": ENTITY,
    "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { join } from "path";\n\nexport default new DataSource({ ${dataSourceOptions}, entities: [join(__dirname, "entities", "*.ts")] });\n`,
  });
}

describeEachTarget(
  "connection setups TypeORM honours",
  (ctx) => {
    let p: FixtureProject | undefined;
    afterEach(() => p?.remove());

    it("passes the DataSource's ssl options to the driver (this server has TLS off, so the driver refuses)", async () => {
      const [row] = await query<{ v: string }>(ctx.db.url, ctx.target.family === "postgres" ? "SELECT current_setting('ssl') AS v" : "SELECT @@have_ssl AS v");
      expect(row!.v, "the test server must have TLS off").to.match(/^(off|DISABLED)$/);
      p = project(`type: ${JSON.stringify(ctx.target.family === "postgres" ? "postgres" : "mariadb")}, url: ${JSON.stringify(ctx.db.url)}, ssl: { rejectUnauthorized: false }`);
      const run = runRetort(["current"], p.dir);
      expect(run.code, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.match(/does not support (SSL|secure connection)/i);
    });

    if (ctx.target.family === "postgres") {
      it("?options=-c search_path=tenant1 in the URL puts the tables in tenant1", async () => {
        await query(ctx.db.url, "CREATE SCHEMA tenant1");
        p = project(`type: "postgres", url: ${JSON.stringify(ctx.db.url)}`);
        cycle(p, ["--url", `${ctx.db.url}?options=${encodeURIComponent("-c search_path=tenant1")}`]);
        const rows = await query<{ s: string }>(ctx.db.url, "SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'widget'");
        expect(rows.map((r) => r.s)).to.deep.equal(["tenant1"]);
      });

      it("the DataSource's schema puts the tables there", async () => {
        await query(ctx.db.url, "CREATE SCHEMA tenant2");
        p = project(`type: "postgres", url: ${JSON.stringify(ctx.db.url)}, schema: "tenant2"`);
        cycle(p);
        const rows = await query<{ t: string }>(ctx.db.url, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'tenant2' ORDER BY table_name");
        expect(rows.map((r) => r.t)).to.include.members(["retort_version", "widget"]);
      });

      it("a DataSource whose host is a unix-socket directory", async () => {
        const [row] = await query<{ d: string }>(ctx.db.url, "SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS d");
        const u = new URL(ctx.db.url);
        p = project(`type: "postgres", host: ${JSON.stringify(row!.d.trim())}, username: ${JSON.stringify(u.username)}, database: ${JSON.stringify(u.pathname.slice(1))}`);
        cycle(p);
      });
    } else {
      it("a DataSource with socketPath", async () => {
        const [row] = await query<{ s: string }>(ctx.db.url, "SELECT @@socket AS s");
        const u = new URL(ctx.db.url);
        p = project(`type: "mariadb", socketPath: ${JSON.stringify(row!.s)}, host: "no-such-host.invalid", username: ${JSON.stringify(u.username)}, database: ${JSON.stringify(u.pathname.slice(1))}`);
        cycle(p);
      });
    }
  },
  { families: ["postgres", "mysql"] },
);
