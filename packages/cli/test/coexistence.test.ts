import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

/**
 * Living with TypeORM's own tools (issue 11 item 2b, docs/typeorm-coexistence.md): on a
 * database retort's migrations built, TypeORM's schema builder (what `synchronize` and
 * `migration:generate` run) finds nothing to do; on one `synchronize` built, `check` is 0.
 */

const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';

type Family = "postgres" | "mysql" | "sqlite";

/** Defaults, checks and types spelled the ways real entities spell them on each engine. */
function entities(family: Family, changed = false): Record<string, string> {
  const now = family === "sqlite" ? "datetime('now')" : family === "mysql" ? "CURRENT_TIMESTAMP" : "now()";
  const timestamp = family === "postgres" ? "timestamp" : "datetime";
  const enumType = family === "sqlite" ? "simple-enum" : "enum";
  const postgresOnly =
    family === "postgres"
      ? `
  @Column({ type: "timestamptz", default: () => "CURRENT_TIMESTAMP" }) seenAt!: Date;
  @Column({ type: "timestamp with time zone", default: () => "now()" }) touchedAt!: Date;
  @Column({ type: "uuid" }) @Generated("uuid") token!: string;
  @Column({ type: "int", array: true, default: () => "'{}'" }) tags!: number[];
  @Column({ type: "jsonb", nullable: true }) meta!: object | null;
  @Column({ type: "varchar", length: 10, default: () => "upper('x')" }) shout!: string;
  @Column({ type: "date", default: () => "CURRENT_DATE" }) day!: string;
  @Column({ type: "double precision", default: 1.5 }) ratio!: number;
`
      : "";
  return {
    "src/entities/item.ts": `import { Check, Column, CreateDateColumn, Entity, Generated, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum Status { Draft = "draft", Published = "published", Archived = "archived" }

@Entity({ name: "items" })
${changed ? "" : "@Check(\"items_status_in\", \`status IN ('draft', 'published', 'archived')\`)"}
@Check("items_price_between", \`price BETWEEN 0 AND 1000\`)
@Check("items_label_coalesce", \`coalesce(label, '') <> 'forbidden'\`)
@Check("items_qty_range", \`qty >= 0 AND (qty < 100 OR label IS NOT NULL)\`)${changed ? "\n@Check(\"items_state_in\", \`state IN ('new', 'fresh')\`)" : ""}
export class Item {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ type: ${JSON.stringify(enumType)}, enum: Status, default: Status.Draft }) status!: Status;
  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 }) price!: string;
  @Column({ type: "numeric", precision: 12, scale: 4, nullable: true }) rate!: string | null;
  @Column({ type: "int", default: 0 }) qty!: number;
  @Column({ type: "varchar", length: 50, nullable: true }) label!: string | null;
  @Column({ type: "varchar", length: 20, default: "new" }) state!: string;
  @Column({ default: true }) active!: boolean;
  @Column({ type: ${JSON.stringify(timestamp)}, default: () => ${JSON.stringify(now)} }) stampedAt!: Date;
  @Column({ type: ${JSON.stringify(timestamp)}, default: () => "CURRENT_TIMESTAMP" }) loggedAt!: Date;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn() updatedAt!: Date;${postgresOnly}${changed ? CHANGED_COLUMNS(timestamp, now) : ""}
}
`,
    "src/entities/counter.ts": `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "counters" })
export class Counter {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "bigint", default: 0 }) total!: string;
  @Column({ type: "smallint", nullable: true, default: null }) level!: number | null;
  @Column({ type: "text", nullable: true }) note!: string | null;
}
`,
  };
}

/**
 * The second step: a column with an expression default, a new check, and the enum's IN
 * check dropped (on SQLite each rebuilds the table); its downgrade re-creates that check
 * from the database's text.
 */
const CHANGED_COLUMNS = (timestamp: string, now: string) => `
  @Column({ type: ${JSON.stringify(timestamp)}, nullable: true, default: () => ${JSON.stringify(now)} }) archivedAt!: Date | null;`;

/**
 * TypeORM work in a child process, as a user's script would: `pending` prints the up
 * queries of TypeORM's schema builder log (what `migration:generate` would write and
 * `synchronize` would run), `synchronize` synchronizes.
 */
const TASKS = `import ds from "./src/data-source";

async function main(task: string): Promise<void> {
  await ds.initialize();
  try {
    if (task === "pending") {
      const log = await ds.driver.createSchemaBuilder().log();
      process.stdout.write(JSON.stringify(log.upQueries.map((q) => q.query)));
    }
    if (task === "synchronize") await ds.synchronize();
  } finally {
    await ds.destroy();
  }
}

main(process.env.TYPEORM_TASK ?? "").catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

function typeormTask(project: FixtureProject, task: "pending" | "synchronize"): string {
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(`${project.dir}/tasks.ts`)})`], {
    cwd: project.dir,
    env: { ...process.env, TYPEORM_TASK: task },
    encoding: "utf8",
    timeout: 90_000,
  });
  if (run.status !== 0) throw new Error(`TypeORM ${task} failed: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

function migrationText(project: FixtureProject): string {
  const dir = join(project.dir, "migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

/**
 * After synchronize, check is 0; except that on MySQL/MariaDB TypeORM's synchronize skips
 * @Check constraints while retort manages them (docs/reference.md §3a), so there check
 * reports exactly the entity's checks as missing, and nothing else.
 */
function expectCheckAfterSynchronize(project: FixtureProject, family: Family, what: string): void {
  if (family !== "mysql") return expectExit(runRetort(["check"], project.dir), 0, what);
  const run = runRetort(["check", "--json"], project.dir);
  expectExit(run, 1, what);
  const doc = JSON.parse(run.stdout) as { operations: { kind: string; name: string | null }[] };
  expect(doc.operations.map((o) => `${o.kind} ${o.name}`).sort(), what).to.deep.equal([
    "add_check items_label_coalesce",
    "add_check items_price_between",
    "add_check items_qty_range",
    "add_check items_status_in",
  ]);
}

function projectOn(ctxTarget: string, family: Family, url: string): FixtureProject {
  return fixtureProject(
    {
      ...entities(family),
      "src/data-source.ts": dataSourceModule(ctxTarget, url),
      "retort.config.ts": CONFIG,
      "tasks.ts": TASKS,
    },
    { typeorm: typeormFor(ctxTarget) },
  );
}

describeEachTarget("coexistence with TypeORM's own tools", (ctx) => {
  const family = ctx.target.family as Family;

  let project: FixtureProject;
  before(() => {
    project = projectOn(ctx.target.name, family, ctx.db.url);
  });
  after(() => project?.remove());
  const expectNothingPending = (what: string) => {
    const pending = JSON.parse(typeormTask(project, "pending")) as string[];
    expect(pending, `TypeORM's schema builder wants to change a database retort built ${what} with\n${migrationText(project)}`).to.deep.equal([]);
  };

  it("(A) retort autogen → upgrade: TypeORM's schema builder finds nothing to do", function () {
    this.timeout(180_000);
    expectExit(runRetort(["autogen", "-m", "init"], project.dir), 0, "autogen");
    expectExit(runRetort(["upgrade"], project.dir), 0, `upgrade of\n${migrationText(project)}`);
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    expectNothingPending("from scratch");
  });

  it("(A) then a second step, its downgrade and upgrade again: still nothing to do", function () {
    this.timeout(240_000);
    for (const [path, text] of Object.entries(entities(family, true))) project.write(path, text);
    expectExit(runRetort(["autogen", "-m", "more"], project.dir), 0, "autogen");
    expectExit(runRetort(["upgrade"], project.dir), 0, `upgrade of\n${migrationText(project)}`);
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    expectNothingPending("in two steps");
    expectExit(runRetort(["downgrade", "-1"], project.dir), 0, `downgrade of\n${migrationText(project)}`);
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade again");
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrading again");
    expectNothingPending("after a downgrade and upgrade");
  });

  it("(B) TypeORM's synchronize: retort check agrees (exit 0; MariaDB: only the checks TypeORM skips), also after a second synchronize", async function () {
    this.timeout(180_000);
    let db: TestDatabase | undefined;
    let project: FixtureProject | undefined;
    try {
      db = await createTestDatabase(ctx.target);
      project = projectOn(ctx.target.name, family, db.url);
      typeormTask(project, "synchronize");
      expectCheckAfterSynchronize(project, family, "check after synchronize");
      typeormTask(project, "synchronize");
      expect(JSON.parse(typeormTask(project, "pending")), "TypeORM's own schema builder after its synchronize").to.deep.equal([]);
      expectCheckAfterSynchronize(project, family, "check after a second synchronize");
    } finally {
      project?.remove();
      await db?.drop();
    }
  });
});
