import { describeEachTarget } from "@retort/testing";
import { table, column, columnType, type Operation } from "@retort/core";
import { connect } from "@retort/dialects";
import { expect } from "chai";
import type { RevisionDirective } from "@retort/codegen";
import { splitLargeRevision } from "../src/api/split-revision";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const createTable = (i: number): Operation => ({
  kind: "createTable",
  table: table(`t_${i}`, { columns: [column("id", columnType("integer")), column("name", columnType("varchar", { length: 50 }))] }),
});

const directive = (n: number): RevisionDirective => ({
  revId: "aaaa00000001",
  message: "initial",
  downRevision: "base00000001",
  branchLabels: ["core"],
  dependsOn: ["dep000000001"],
  createdAt: "2026-12-01T00:00:00.000Z",
  upgradeOps: Array.from({ length: n }, (_, i) => createTable(i)),
  downgradeOps: null,
});

/** Issue 10, item 20: a very large set of changes is written as a chain of revisions on PostgreSQL. */
describe("splitLargeRevision", () => {
  let ids = 0;
  const newId = () => `part${String(++ids).padStart(8, "0")}`;

  it("keeps a revision within the limit whole, and never splits on MySQL/SQLite or hand-set downgrades", () => {
    expect(splitLargeRevision(directive(8), "postgres", 10, newId)).to.have.length(1);
    expect(splitLargeRevision(directive(100), "sqlite", 10, newId)).to.have.length(1);
    expect(splitLargeRevision(directive(100), "mariadb", 10, newId)).to.have.length(1);
    expect(splitLargeRevision({ ...directive(100), downgradeOps: [] }, "postgres", 10, newId)).to.have.length(1);
  });

  it("chains the parts in order: first keeps the id, labels and dependencies; each part is under the limit", () => {
    const parts = splitLargeRevision(directive(100), "postgres", 10, newId);
    expect(parts.length).to.be.greaterThan(1);
    expect(parts.flatMap((p) => p.upgradeOps)).to.deep.equal(directive(100).upgradeOps);
    expect(parts[0]).to.deep.include({ revId: "aaaa00000001", downRevision: "base00000001", branchLabels: ["core"], dependsOn: ["dep000000001"] });
    for (let i = 1; i < parts.length; i++) {
      expect(parts[i]!.downRevision).to.equal(parts[i - 1]!.revId);
      expect(parts[i]!.branchLabels).to.deep.equal([]);
      expect(parts[i]!.message).to.equal(`initial (part ${i + 1} of ${parts.length})`);
      expect(parts[i]!.createdAt > parts[i - 1]!.createdAt).to.equal(true);
    }
    for (const p of parts) expect(p.upgradeOps.length * 3.5).to.be.at.most(30);
  });
});

const dataSource = (url: string) => `import "reflect-metadata";
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from "typeorm";

// 3,000 entities, made in a loop (each with a serial key and two varchar columns).
const entities: Function[] = [];
for (let i = 0; i < 3000; i++) {
  const C = class {};
  Object.defineProperty(C, "name", { value: \`T\${i}\` });
  PrimaryGeneratedColumn({ type: "int" })(C.prototype, "id");
  Column({ type: "varchar", length: 50 })(C.prototype, "name");
  Column({ type: "varchar", length: 200, nullable: true })(C.prototype, "note");
  Entity(\`t_\${i}\`)(C);
  entities.push(C);
}
export default new DataSource({ type: "postgres", url: ${JSON.stringify(url)}, entities });
`;

describeEachTarget(
  "3,000 tables in an initial migration (PostgreSQL's lock table)",
  (ctx) => {
    let project: FixtureProject;
    before(() => {
      project = fixtureProject({ "src/data-source.ts": dataSource(ctx.db.url), "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n' });
    });
    after(() => project?.remove());

    it("autogen writes a chain of revisions that upgrade applies with the server's default settings", async function () {
      this.timeout(180_000);
      const started = Date.now();
      const gen = runRetort(["autogen", "-m", "initial", "--json"], project.dir, {}, 120_000);
      expect(gen.code, gen.stderr).to.equal(0);
      const doc = JSON.parse(gen.stdout) as { parts: { revision: string; file: string; operations: number }[]; revision: string; operations: unknown[] };
      expect(doc.operations).to.have.length(3000);
      expect(doc.parts.length).to.be.greaterThan(1);
      expect(doc.parts.reduce((n, p) => n + p.operations, 0)).to.equal(3000);
      const up = runRetort(["upgrade"], project.dir, {}, 120_000);
      expect(up.code, up.stderr).to.equal(0);
      expect(up.stdout).to.include(`The database is at ${doc.revision}`);
      const db = await connect(ctx.db.url);
      try {
        const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%'");
        expect(Number(rows[0]!.n)).to.equal(3000);
      } finally {
        await db.close();
      }
      console.log(`      (autogen + upgrade of 3,000 tables: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    });
  },
  { targets: ["postgres"] },
);
