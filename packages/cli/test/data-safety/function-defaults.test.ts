import { describeEachTarget, type TargetContext } from "@retort/testing";
import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import { DataSafetyProject } from "./data-safety-project";

/**
 * Issue 10, item 0: a function default (n8n's `default: () => "CURRENT_TIMESTAMP(3)"`)
 * was written on PostgreSQL as the literal `'now'`, evaluated once when the migration ran:
 * every later row got the migration's timestamp. Each row must get its own value.
 */
const FUNCTION_DEFAULTS: Readonly<Record<TargetContext["target"]["family"], { created: string; token: string }>> = {
  postgres: {
    created: '{ type: "timestamptz", precision: 3, default: () => "CURRENT_TIMESTAMP(3)" }',
    token: '{ type: "timestamp", default: () => "LOCALTIMESTAMP" }',
  },
  mysql: {
    created: '{ type: "datetime", precision: 3, default: () => "CURRENT_TIMESTAMP(3)" }',
    token: '{ type: "varchar", length: 36, default: () => "uuid()" }',
  },
  sqlite: {
    created: `{ type: "datetime", default: () => "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')" }`,
    token: '{ type: "varchar", length: 16, default: () => "lower(hex(randomblob(8)))" }',
  },
};

function eventEntity(family: TargetContext["target"]["family"], withDefaults = true): string {
  const d = FUNCTION_DEFAULTS[family];
  const created = withDefaults ? d.created : d.created.replace(/, default: .*\}$/, ", nullable: true }");
  return `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Event {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 20 }) label!: string;
  @Column(${created}) createdAt!: Date;
  @Column(${d.token}) token!: string;
}
`;
}

/** Two rows inserted more than a second apart, read back oldest first. */
async function twoRowsApart(project: DataSafetyProject, labels: [string, string]): Promise<{ createdAt: string; token: string }[]> {
  const q = (n: string) => project.ident(n);
  await project.query(`INSERT INTO ${q("event")} (${q("label")}) VALUES ('${labels[0]}')`);
  await sleep(1100);
  await project.query(`INSERT INTO ${q("event")} (${q("label")}) VALUES ('${labels[1]}')`);
  const rows = await project.query<{ createdAt: unknown; token: unknown }>(
    `SELECT ${q("createdAt")} AS ${q("createdAt")}, ${q("token")} AS ${q("token")} FROM ${q("event")} WHERE ${q("label")} IN ('${labels[0]}', '${labels[1]}') ORDER BY ${q("id")}`,
  );
  return rows.map((r) => ({ createdAt: asIso(r.createdAt), token: String(r.token) }));
}

function asIso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(`${String(value).replace(" ", "T")}Z`).toISOString();
}

function expectFreshValues(rows: { createdAt: string; token: string }[]): void {
  expect(rows).to.have.length(2);
  const [first, second] = rows as [{ createdAt: string; token: string }, { createdAt: string; token: string }];
  expect(Date.parse(second.createdAt) - Date.parse(first.createdAt), `${first.createdAt} then ${second.createdAt}`).to.be.at.least(1000);
  expect(second.token, "the second column's default is evaluated per row too").not.to.equal(first.token);
}

describeEachTarget("data safety: function defaults are evaluated per row", (ctx) => {
  let project: DataSafetyProject;
  before(() => {
    project = DataSafetyProject.create(ctx, { "event.ts": eventEntity(ctx.target.family) });
  });
  after(async () => project?.close());

  it("autogen writes the default as an expression, and rows inserted seconds apart differ", async () => {
    const autogen = project.retort("autogen", "-m", "events");
    expect(autogen.code, autogen.stderr).to.equal(0);
    const upgrade = project.retort("upgrade");
    expect(upgrade.code, upgrade.stderr).to.equal(0);
    expectFreshValues(await twoRowsApart(project, ["a", "b"]));
    expect(project.lastMigration()).not.to.match(/default: "'now'"/i);
  });

  it("check finds nothing after retort's own migration", () => {
    const check = project.retort("check");
    expect(check.code, check.stdout + check.stderr).to.equal(0);
  });

  it("a downgrade restores the function default exactly", async () => {
    const before = await project.reflect();
    project.entity("event.ts", eventEntity(ctx.target.family, false));
    const autogen = project.retort("autogen", "-m", "no default");
    expect(autogen.code, autogen.stderr).to.equal(0);
    const upgrade = project.retort("upgrade");
    expect(upgrade.code, upgrade.stderr).to.equal(0);
    const down = project.retort("downgrade", "-1");
    expect(down.code, down.stderr).to.equal(0);
    expect(await project.reflect()).to.deep.equal(before);
    project.removeLastMigration();
    project.entity("event.ts", eventEntity(ctx.target.family));
    const check = project.retort("check");
    expect(check.code, check.stdout + check.stderr).to.equal(0);
    expectFreshValues(await twoRowsApart(project, ["c", "d"]));
  });

  it("check finds nothing after TypeORM's synchronize made the same table", async () => {
    expect(project.retort("downgrade", "base").code).to.equal(0);
    const fresh = DataSafetyProject.create(ctx, { "event.ts": eventEntity(ctx.target.family) });
    try {
      fresh.synchronize();
      const check = fresh.retort("check");
      expect(check.code, check.stdout + check.stderr).to.equal(0);
      expectFreshValues(await twoRowsApart(fresh, ["e", "f"]));
    } finally {
      await fresh.close();
    }
  });
});
