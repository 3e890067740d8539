import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FixtureProject } from "../support/fixture-project";
import { runRetort } from "../support/run-retort";
import { CONFIG, configWith, diffKinds, latestMigration, objectsProject, reflected, retortOk, runSql, synchronize } from "./sync-objects-project";

/**
 * Issue 11 item 2: the PostgreSQL extensions TypeORM's driver creates when it connects
 * (a generated uuid's uuid-ossp or pgcrypto, hstore, citext, cube columns, btree_gist for
 * @Exclusion) are in the model; retort's migrations create them first and drop on
 * downgrade only those a migration created (docs/schema-objects.md, "Extensions").
 */

const things = (o: { hstore: boolean; cube: boolean }) => `import { Column, Entity, Exclusion, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "things" })
@Exclusion("things_no_overlap", \`USING gist ("room" WITH =, "during" WITH &&)\`)
export class Thing {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column() room!: number;
  @Column({ type: "tstzrange" }) during!: string;
  @Column({ type: "citext", nullable: true }) email!: string;
${o.hstore ? `  @Column({ type: "hstore", nullable: true }) attrs!: string;\n` : ""}${o.cube ? `  @Column({ type: "cube", nullable: true }) size!: string;\n` : ""}}
`;

const extensionNames = async (url: string) => ((await reflected(url, { extensions: "all" })).extensions ?? []).map((e) => e.name);

/** Extensions a migration created: their comment ends with retort's mark. */
async function markedByRetort(url: string): Promise<string[]> {
  const rows = await runSql<{ extname: string }>(
    url,
    `SELECT extname FROM pg_extension WHERE obj_description(oid, 'pg_extension') LIKE '%[created by a retort migration]' ORDER BY 1`,
  );
  return rows.map((r) => r.extname);
}

describeEachTarget(
  "extensions: TypeORM's synchronize → check 0",
  (ctx) => {
    it("uuid-ossp, citext, hstore and btree_gist (for @Exclusion): the model names what TypeORM installed; check exits 0", async function () {
      this.timeout(120_000);
      const project = objectsProject(ctx.target.name, ctx.db.url, { "things.ts": things({ hstore: true, cube: false }) });
      try {
        synchronize(project);
        expect(await extensionNames(ctx.db.url)).to.deep.equal(["btree_gist", "citext", "hstore", "uuid-ossp"]);
        retortOk(project, ["check"]);
      } finally {
        project.remove();
      }
    });
  },
  { families: ["postgres"] },
);

describeEachTarget(
  "extensions: the DataSource's uuidExtension",
  (ctx) => {
    it("pgcrypto instead of uuid-ossp: synchronize → check 0, and autogen asks for pgcrypto", async function () {
      this.timeout(120_000);
      const entity = `import { Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity({ name: "tokens" })\nexport class Token {\n  @PrimaryGeneratedColumn("uuid") id!: string;\n}\n`;
      const project = objectsProject(ctx.target.name, ctx.db.url, { "token.ts": entity }, `uuidExtension: "pgcrypto",`);
      try {
        expect(diffKinds(project)).to.deep.equal(["add_extension pgcrypto", "add_table tokens"]);
        synchronize(project);
        expect(await extensionNames(ctx.db.url)).to.deep.equal(["pgcrypto"]);
        retortOk(project, ["check"]);
      } finally {
        project.remove();
      }
    });
  },
  { families: ["postgres"] },
);

describeEachTarget(
  "extensions: retort's migrations create them first, check sees changes, downgrade drops only its own",
  (ctx) => {
    let project: FixtureProject;
    before(async () => {
      project = objectsProject(ctx.target.name, ctx.db.url, { "things.ts": things({ hstore: true, cube: false }) });
      // Installed by hand before retort: citext (the entities need it) and ltree (they do not).
      await runSql(ctx.db.url, `CREATE EXTENSION citext`);
      await runSql(ctx.db.url, `CREATE EXTENSION ltree`);
    });
    after(() => project?.remove());

    it("autogen creates the missing ones before the table; upgrade; check 0; the uuid default works", async function () {
      this.timeout(120_000);
      expect(diffKinds(project)).to.deep.equal(["add_extension btree_gist", "add_extension hstore", "add_extension uuid-ossp", "add_table things"]);
      retortOk(project, ["autogen", "-m", "things"]);
      const file = latestMigration(project);
      for (const name of ["btree_gist", "hstore", "uuid-ossp"]) {
        expect(file.indexOf(`op.createExtension("${name}")`), name).to.be.within(0, file.indexOf("op.createTable("));
        expect(file).to.include(`op.dropExtension("${name}", { onlyIfCreatedByRetort: true })`);
      }
      expect(file).to.not.include('op.createExtension("citext")');
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
      expect(await markedByRetort(ctx.db.url)).to.deep.equal(["btree_gist", "hstore", "uuid-ossp"]);
      const [row] = await runSql<{ id: string }>(ctx.db.url, `INSERT INTO things (room, during) VALUES (1, '[2020-01-01,2020-01-02)') RETURNING id`);
      expect(row!.id).to.match(/^[0-9a-f-]{36}$/);
    });

    it("detects a newly needed extension; one no longer needed (and one never needed) is left alone unless includeObject opts in", function () {
      this.timeout(60_000);
      project.write("src/entities/things.ts", things({ hstore: false, cube: true }));
      expect(diffKinds(project)).to.deep.equal(["add_column things.size", "add_extension cube", "remove_column things.attrs"]);
      project.write("retort.config.ts", configWith(`(object, name, type) => type === "extension" || type === "table" || type === "column"`));
      expect(diffKinds(project)).to.deep.equal([
        "add_column things.size",
        "add_extension cube",
        "remove_column things.attrs",
        "remove_extension hstore",
        "remove_extension ltree",
      ]);
      project.write("retort.config.ts", configWith(`(object, name, type) => type !== "extension"`));
      expect(diffKinds(project), "includeObject can keep extensions out of the comparison").to.deep.equal(["add_column things.size", "remove_column things.attrs"]);
      project.write("retort.config.ts", CONFIG);
    });

    it("round trip: autogen → upgrade → check 0 → downgrade drops only what a migration created", async function () {
      this.timeout(180_000);
      retortOk(project, ["autogen", "-m", "cube instead of hstore"]);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
      expect(await extensionNames(ctx.db.url)).to.deep.equal(["btree_gist", "citext", "cube", "hstore", "ltree", "uuid-ossp"]);
      retortOk(project, ["downgrade", "-1"]);
      expect(await extensionNames(ctx.db.url)).to.deep.equal(["btree_gist", "citext", "hstore", "ltree", "uuid-ossp"]);
      retortOk(project, ["downgrade", "base"]);
      expect(await extensionNames(ctx.db.url), "the hand-made ones stay").to.deep.equal(["citext", "ltree"]);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
    });

    it("an extension installed before the migration ran is kept by its downgrade", async function () {
      this.timeout(120_000);
      retortOk(project, ["downgrade", "-1"]);
      // cube is gone again; install it by hand, as a DBA would, then run the revision that "creates" it.
      await runSql(ctx.db.url, `CREATE EXTENSION cube`);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
      retortOk(project, ["downgrade", "-1"]);
      expect(await extensionNames(ctx.db.url)).to.include("cube");
      retortOk(project, ["upgrade"]);
    });
  },
  { families: ["postgres"] },
);

describeEachTarget(
  "extensions: none on MariaDB and SQLite",
  (ctx) => {
    it("a generated uuid needs none: synchronize → check 0; a migration's op.createExtension is refused", async function () {
      this.timeout(120_000);
      const entity = `import { Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity({ name: "tokens" })\nexport class Token {\n  @PrimaryGeneratedColumn("uuid") id!: string;\n}\n`;
      const project = objectsProject(ctx.target.name, ctx.db.url, { "token.ts": entity });
      try {
        expect(diffKinds(project)).to.deep.equal(["add_table tokens"]);
        synchronize(project);
        retortOk(project, ["check"]);
        retortOk(project, ["revision", "-m", "hand-written"]);
        const dir = join(project.dir, "migrations");
        const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".ts"))!);
        const source = readFileSync(file, "utf8");
        const edited = source.replace(/(export async function upgrade\((\w+)[^)]*\)[^{]*\{)/, `$1\n  await $2.createExtension("hstore");`);
        expect(edited).to.not.equal(source);
        writeFileSync(file, edited);
        const run = runRetort(["upgrade"], project.dir);
        expect(run.code, run.stdout + run.stderr).to.not.equal(0);
        expect(run.stderr, run.stderr).to.include('cannot create extension "hstore". Extensions exist on PostgreSQL only');
      } finally {
        project.remove();
      }
    });
  },
  { families: ["mysql", "sqlite"] },
);
