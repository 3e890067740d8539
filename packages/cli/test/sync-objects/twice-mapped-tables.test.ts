import type { TableModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { FixtureProject } from "../support/fixture-project";
import { diffKinds, forgetLatestMigration, latestMigration, objectsProject, reflected, retortOk, runSql, synchronize } from "./sync-objects-project";

/**
 * Issue 11 item 2: a table mapped twice, by a @ManyToMany @JoinTable and by an explicit
 * @Entity (n8n, Flowise). TypeORM's synchronize creates one table; retort's model is that
 * table (docs/schema-objects.md, "A table mapped twice").
 */

const TAG_AND_POST = (withJoinTable: boolean) => `import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "tag" })
export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) label!: string;
}

@Entity({ name: "post" })
export class Post {
  @PrimaryGeneratedColumn() id!: number;
${withJoinTable ? `  @ManyToMany(() => Tag)
  @JoinTable({ name: "post_tags", joinColumn: { name: "postId" }, inverseJoinColumn: { name: "tagId" } })
  tags!: Tag[];` : ""}
}
`;

// The entity lists the key's columns in the other order than the junction does.
const POST_TAG = `import { Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "post_tags" })
export class PostTag {
  @PrimaryColumn() tagId!: number;
  @PrimaryColumn() postId!: number;
}
`;

const projectFor = (target: string, url: string) => objectsProject(target, url, { "blog.ts": TAG_AND_POST(true), "post-tag.ts": POST_TAG });

/** What synchronize leaves (the explicit entity creates the table, the junction adds its indexes and keys). */
function expectSynchronizedShape(table: TableModel | undefined): void {
  expect(table, "post_tags").to.not.equal(undefined);
  expect(table!.columns.map((c) => c.name)).to.deep.equal(["tagId", "postId"]);
  expect(table!.primaryKey?.columns, "primary key columns, in the entity's order").to.deep.equal(["tagId", "postId"]);
  expect(table!.foreignKeys.map((f) => `${f.columns.join()}->${f.referencedTable} ${f.onDelete}`).sort()).to.deep.equal([
    "postId->post CASCADE",
    "tagId->tag CASCADE",
  ]);
  expect(table!.indexes.map((i) => i.parts.map((p) => p.column).join()).sort()).to.deep.equal(["postId", "tagId"]);
}

const postTags = async (url: string) => (await reflected(url)).tables.find((t) => t.name === "post_tags");

describeEachTarget("a table mapped twice: TypeORM's synchronize → check 0", (ctx) => {
  it("one table, the entity's key order, the junction's indexes and foreign keys; check exits 0", async function () {
    this.timeout(120_000);
    const project = projectFor(ctx.target.name, ctx.db.url);
    try {
      synchronize(project);
      expectSynchronizedShape(await postTags(ctx.db.url));
      retortOk(project, ["check"]);
    } finally {
      project.remove();
    }
  });
});

describeEachTarget("a table mapped twice: retort's migrations build it, check sees changes, downgrade restores", (ctx) => {
  let project: FixtureProject;
  before(() => {
    project = projectFor(ctx.target.name, ctx.db.url);
  });
  after(() => project?.remove());

  it("autogen creates the table once; upgrade builds what synchronize builds; check 0", async function () {
    this.timeout(120_000);
    retortOk(project, ["autogen", "-m", "blog"]);
    expect(latestMigration(project).match(/op\.createTable\(\s*"post_tags"/g)).to.have.length(1);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
    expectSynchronizedShape(await postTags(ctx.db.url));
    await runSql(ctx.db.url, `INSERT INTO tag (label) VALUES ('a')`);
    await runSql(ctx.db.url, `INSERT INTO post (id) VALUES (1)`);
    await runSql(ctx.db.url, ctx.target.family === "mysql" ? "INSERT INTO post_tags (tagId, postId) VALUES (1, 1)" : `INSERT INTO post_tags ("tagId", "postId") VALUES (1, 1)`);
  });

  it("detects the junction side going away (its indexes and keys), not a table", function () {
    this.timeout(60_000);
    project.write("src/entities/blog.ts", TAG_AND_POST(false));
    const kinds = diffKinds(project);
    expect(kinds.filter((k) => k.startsWith("remove_fk ")), kinds.join("\n")).to.have.length(2);
    expect(kinds.filter((k) => k.startsWith("remove_index ")), kinds.join("\n")).to.have.length(2);
    expect(kinds.some((k) => k.includes("table")), kinds.join("\n")).to.equal(false);
  });

  it("round trip: autogen → upgrade → check 0 → downgrade -1 restores the table", async function () {
    this.timeout(120_000);
    const before = await postTags(ctx.db.url);
    retortOk(project, ["autogen", "-m", "drop the junction"]);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
    expect((await postTags(ctx.db.url))?.foreignKeys).to.deep.equal([]);
    retortOk(project, ["downgrade", "-1"]);
    expect(await postTags(ctx.db.url)).to.deep.equal(before);
    // Back at the first revision with the first entities: in sync again.
    forgetLatestMigration(project);
    project.write("src/entities/blog.ts", TAG_AND_POST(true));
    retortOk(project, ["check"]);
  });
});
