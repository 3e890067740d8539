import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { FixtureProject } from "../support/fixture-project";
import { diffKinds, forgetLatestMigration, objectsProject, retortOk, runSql, synchronize } from "./sync-objects-project";

/**
 * Issue 11 item 2: PostgreSQL stores an interval default in its own spelling ('2 hours'
 * becomes '02:00:00'::interval); both sides are compared in that spelling
 * (docs/schema-objects.md, "Interval defaults"). Intervals are PostgreSQL's only.
 */

const entity = (ttl: string) => `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "sessions" })
export class Session {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "interval", default: ${JSON.stringify(ttl)} }) ttl!: string;
  @Column({ type: "interval", default: () => "'1 day 3 hours'" }) grace!: string;
  @Column({ type: "interval", default: "P1Y2M" }) retention!: string;
  @Column({ type: "interval", default: "90 minutes" }) idle!: string;
  @Column({ type: "interval", nullable: true, default: "-1 day 2 hours" }) skew!: string | null;
}
`;

const storedDefault = async (url: string, column: string) =>
  (await runSql<{ d: string }>(url, `SELECT pg_get_expr(d.adbin, d.adrelid) AS d FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'sessions'::regclass AND a.attname = '${column}'`))[0]?.d;

describeEachTarget(
  "interval defaults: TypeORM's synchronize → check 0",
  (ctx) => {
    it("'2 hours', an ISO 8601 period, minutes, mixed signs: check exits 0", async function () {
      this.timeout(120_000);
      const project = objectsProject(ctx.target.name, ctx.db.url, { "session.ts": entity("2 hours") });
      try {
        synchronize(project);
        expect(await storedDefault(ctx.db.url, "ttl")).to.equal("'02:00:00'::interval");
        retortOk(project, ["check"]);
      } finally {
        project.remove();
      }
    });
  },
  { families: ["postgres"] },
);

describeEachTarget(
  "interval defaults: retort's migrations, detection, round trip",
  (ctx) => {
    let project: FixtureProject;
    before(() => {
      project = objectsProject(ctx.target.name, ctx.db.url, { "session.ts": entity("2 hours") });
    });
    after(() => project?.remove());

    it("autogen → upgrade → check 0", function () {
      this.timeout(120_000);
      retortOk(project, ["autogen", "-m", "sessions"]);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
    });

    it("detects a changed interval, and not a respelled one", function () {
      this.timeout(60_000);
      project.write("src/entities/session.ts", entity("120 minutes"));
      expect(diffKinds(project)).to.deep.equal([]);
      project.write("src/entities/session.ts", entity("3 hours"));
      expect(diffKinds(project)).to.deep.equal(["modify_default sessions.ttl"]);
    });

    it("round trip: autogen → upgrade → check 0 → downgrade -1 restores the default", async function () {
      this.timeout(120_000);
      retortOk(project, ["autogen", "-m", "longer ttl"]);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
      expect(await storedDefault(ctx.db.url, "ttl")).to.equal("'03:00:00'::interval");
      retortOk(project, ["downgrade", "-1"]);
      expect(await storedDefault(ctx.db.url, "ttl")).to.equal("'02:00:00'::interval");
      forgetLatestMigration(project);
      project.write("src/entities/session.ts", entity("2 hours"));
      retortOk(project, ["check"]);
    });
  },
  { families: ["postgres"] },
);
