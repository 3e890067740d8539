import { expect } from "chai";
import { column, columnType, reverseAll, type Operation } from "@retort/core";
import { renderMigration } from "../src";
import { addColumn, dataOps, dropColumn, everyReversibleOp, input, on, posts, users } from "./fixtures";

const lines = (source: string) => source.split("\n").map((l) => l.trim());

describe("renderMigration", () => {
  it("writes the revision header and the typed exports", async () => {
    const { source } = await renderMigration(input([], { branchLabels: ["feature"], dependsOn: ["aaaa1111"] }));
    const l = lines(source);
    expect(l).to.include('import type { MigrationOperations } from "@retort/cli";');
    expect(l).to.include('export const revision = "1a2b3c4d5e6f";');
    expect(l).to.include('export const downRevision = "0f9e8d7c6b5a";');
    expect(l).to.include('export const branchLabels: string[] = ["feature"];');
    expect(l).to.include('export const dependsOn: string[] = ["aaaa1111"];');
    expect(l).to.include('export const message = "add user";');
    expect(l).to.include('export const createdAt = "2026-11-27T04:00:00.000Z";');
    // an empty body names the parameter _op, so noUnusedParameters projects compile it
    expect(l).to.include("export async function upgrade(_op: MigrationOperations): Promise<void> {");
    expect(l).to.include("export async function downgrade(_op: MigrationOperations): Promise<void> {");
    const full = lines((await renderMigration(input([addColumn("t", column("c", "text"))]))).source);
    expect(full).to.include("export async function upgrade(op: MigrationOperations): Promise<void> {");
    expect(source.startsWith("/**\n * add user\n *\n * Revision: 1a2b3c4d5e6f\n * Revises: 0f9e8d7c6b5a\n")).to.equal(true);
  });

  it("writes a base revision and a merge's several down revisions", async () => {
    const base = await renderMigration(input([], { downRevision: null }));
    expect(lines(base.source)).to.include("export const downRevision = null;");
    expect(base.source).to.include(" * Revises: (base)");
    const merge = await renderMigration(input([], { downRevision: ["aaa", "bbb"] }));
    expect(lines(merge.source)).to.include('export const downRevision = ["aaa", "bbb"];');
  });

  it("keeps a message that would close the header comment harmless", async () => {
    const { source } = await renderMigration(input([], { message: 'fix */ "quotes"\nand lines' }));
    expect(source).to.include(" * fix *\\/ \"quotes\"\n * and lines\n");
    expect(lines(source)).to.include('export const message = "fix */ \\"quotes\\"\\nand lines";');
  });

  it("renders a created table with its keys, constraints, comment and indexes", async () => {
    const { source } = await renderMigration(input([{ kind: "createTable", table: users }]));
    expect(source).to.include('await op.createTable("users", [');
    expect(source).to.include('{ name: "id", type: "integer", nullable: false, autoIncrement: "identity-by-default" },');
    expect(source).to.include('{ name: "email", type: "varchar(255)", nullable: false },');
    expect(source).to.include('{ name: "created_at", type: "timestamptz(3)", nullable: false, default: "CURRENT_TIMESTAMP" },');
    expect(source).to.match(/enumName: "mood"/);
    expect(source).to.include('comment: "People who log in"');
    expect(source).to.include('primaryKey: { name: "users_pkey", columns: ["id"] }');
    expect(source).to.include('uniques: [{ name: "users_email_key", columns: ["email"] }]');
    expect(source).to.include('checks: [{ name: "users_name_check", expression: "length(name) > 0" }]');
    expect(lines(source)).to.include('await op.createIndex("ix_users_created", "users", [{ column: "created_at", desc: true }]);');
    expect(lines(source)).to.include('await op.dropTable("users");');
  });

  it("writes the entity's own spelling of a default, a type and a check where it has one (docs/typeorm-coexistence.md)", async () => {
    const created = { ...column("created_at", "timestamp", { nullable: false, default: "CURRENT_TIMESTAMP" }), writtenDefault: "now()" };
    const price = { ...column("price", columnType("numeric", { precision: 10, scale: 2 })), writtenType: "decimal(10,2)" };
    const status = { name: "status_in", expression: "status = ANY(ARRAY['a', 'b'])", writtenExpression: "status IN ('a', 'b')" };
    const ops: Operation[] = [
      { kind: "createTable", table: { ...posts, columns: [...posts.columns, created, price], checks: [status] } },
      { kind: "createCheckConstraint", ...on("users"), check: status },
    ];
    const { source } = await renderMigration(input(ops));
    expect(source).to.include('default: "now()"');
    expect(source).not.to.include("CURRENT_TIMESTAMP");
    expect(source).to.include('type: "decimal(10,2)"');
    expect(source).to.include(`expression: "status IN ('a', 'b')"`);
    expect(source).to.include(`await op.createCheckConstraint("status_in", "users", "status IN ('a', 'b')");`);
    expect(source).not.to.include("ANY(");
  });

  it("writes an unnamed single-column primary key inline and foreign keys without default actions", async () => {
    const { source } = await renderMigration(input([{ kind: "createTable", table: posts }]));
    expect(source).to.include('{ name: "id", type: "integer", nullable: false, primaryKey: true },');
    const fk = source.slice(source.indexOf("foreignKeys:"));
    for (const part of ['name: "posts_user_fk"', 'columns: ["user_id"]', 'referencedTable: "users"', 'referencedColumns: ["id"]', 'onDelete: "CASCADE"']) {
      expect(fk).to.include(part);
    }
    expect(source).not.to.include("onUpdate");
  });

  it("gives alterColumn the change and the existing facts, and reverses it in downgrade", async () => {
    const existing = column("title", columnType("varchar", { length: 200 }), { nullable: false, default: "'x'", comment: "Headline" });
    const op: Operation = {
      kind: "alterColumn",
      ...on("posts"),
      column: "title",
      changes: { type: { from: existing.type, to: columnType("text") }, nullable: { from: false, to: true } },
      existing,
    };
    const { source } = await renderMigration(input([op]));
    const [up, down] = source.split("export async function downgrade");
    expect(up).to.include('type: "text",');
    expect(up).to.include('existingType: "varchar(200)",');
    expect(up).to.include("nullable: true,");
    expect(up).to.include("existingNullable: false,");
    expect(up).to.include(`existingDefault: "'x'",`);
    expect(up).to.include('existingComment: "Headline",');
    expect(down).to.include('type: "varchar(200)",');
    expect(down).to.include('existingType: "text",');
    expect(down).to.include("nullable: false,");
    expect(down).to.include("existingNullable: true,");
  });

  it("renders PostgreSQL enums with createEnum / alterEnum / dropEnum", async () => {
    const ops: Operation[] = [
      { kind: "createEnum", enumType: { schema: "app", name: "mood", values: ["sad", "ok"] } },
      { kind: "alterEnum", schema: null, name: "status", values: { from: ["a", "b"], to: ["a", "b", "c"] } },
    ];
    const l = lines((await renderMigration(input(ops))).source);
    expect(l).to.include('await op.createEnum("mood", ["sad", "ok"], { schema: "app" });');
    expect(l).to.include('await op.alterEnum("status", ["a", "b", "c"], { existingValues: ["a", "b"] });');
    expect(l).to.include('await op.alterEnum("status", ["a", "b"], { existingValues: ["a", "b", "c"] });');
    expect(l).to.include('await op.dropEnum("mood", { schema: "app" });');
  });

  it("renders every reversible operation kind, and the downgrade as its exact reverse", async () => {
    const { source } = await renderMigration(input(everyReversibleOp));
    const l = lines(source);
    expect(l).to.include('await op.setTableComment("posts", "Blog posts", { existingComment: null });');
    expect(l).to.include(
      'await op.createIndex("ix_posts_lower_title", "posts", [{ expression: "lower(title)" }], { unique: true, where: "body IS NOT NULL", method: "btree", concurrently: true });',
    );
    expect(l).to.include('await op.createUniqueConstraint("posts_slug_key", "posts", ["slug"], { deferrable: "deferred" });');
    expect(l).to.include('await op.dropConstraint("posts_user_fk", "posts", "foreignKey");');
    expect(l).to.include('await op.renameTable("posts", "articles");');
    expect(l).to.include('await op.batchAlterTable("articles", (batch) => {');
    expect(l).to.include('batch.createPrimaryKey("articles_pkey", ["id", "user_id"]);');
    expect(l).to.include('batch.dropIndex("ix_old");');
    expect(l).to.include('}, { recreate: "always" });');
    // downgrade: the reverse, in reverse order
    const down = source.slice(source.indexOf("export async function downgrade"));
    expect(down.indexOf('await op.createTable("legacy"')).to.be.lessThan(down.indexOf('await op.renameTable("articles", "posts");'));
    expect(down).to.include('batch.dropConstraint("articles_pkey", "primaryKey");');
    expect(down).to.include('await op.dropIndex("ix_posts_lower_title", "posts", { concurrently: true });');
    expect(down.trim().endsWith('await op.dropEnum("mood");\n}')).to.equal(true);
  });

  it("renders views with createView / replaceView / dropView, each carrying what its reverse needs", async () => {
    const { source } = await renderMigration(input(everyReversibleOp));
    const [up, down] = source.split("export async function downgrade") as [string, string];
    // Extensions: created first; the downgrade drops only one the migration created (docs/schema-objects.md).
    expect(lines(up)).to.include('await op.createExtension("uuid-ossp");');
    expect(lines(down)).to.include('await op.dropExtension("uuid-ossp", { onlyIfCreatedByRetort: true });');
    // Exclusion constraints in the entity's spelling; the drop carries it for its own reverse.
    expect(lines(up)).to.include('await op.createExclusionConstraint("posts_no_overlap", "posts", "USING gist (\\"id\\" WITH =)");');
    expect(lines(down)).to.include('await op.dropExclusionConstraint("posts_no_overlap", "posts", { existingExpression: "USING gist (\\"id\\" WITH =)" });');
    expect(up).to.include('await op.createView("article_counts", "SELECT user_id, count(*) AS n\\nFROM articles GROUP BY user_id", {');
    expect(up).to.include('indexes: [{ name: "article_counts_user", parts: ["user_id"], unique: true }]');
    expect(up).to.include('await op.refreshMaterializedView("article_counts");');
    expect(lines(up)).to.include('await op.replaceView("recent", "SELECT id, title FROM articles", { existingDefinition: "SELECT id FROM articles" });');
    expect(lines(up)).to.include('await op.dropView("old_report", { existingDefinition: "SELECT 1 AS one", schema: "reports" });');
    // downgrade: the exact reverse, first thing
    const d = lines(down);
    const first = d.findIndex((l) => l.startsWith("await op."));
    expect(d[first]).to.equal('await op.createView("old_report", "SELECT 1 AS one", { schema: "reports" });');
    expect(d).to.include('await op.replaceView("recent", "SELECT id FROM articles", { existingDefinition: "SELECT id, title FROM articles" });');
    expect(down.indexOf('await op.dropView("article_counts"')).to.be.greaterThan(down.indexOf('await op.refreshMaterializedView("article_counts")'));
  });

  it("renders raw SQL and inserted rows with literal values, and a hand-written downgrade", async () => {
    const downgrade: Operation[] = [{ kind: "execute", sql: "DELETE FROM users WHERE id = 1", params: [] }];
    const { source } = await renderMigration(input(dataOps, { downgrade }));
    const l = lines(source);
    expect(l).to.include(`await op.execute("UPDATE users SET name = 'x' WHERE name IS NULL");`);
    expect(l).to.include('await op.execute("DELETE FROM users WHERE id = $1", [1]);');
    expect(source).to.include('"weird key": true');
    expect(source).to.include("big: 10n");
    expect(source).to.include('at: new Date("2026-01-02T03:04:05.000Z")');
    expect(l).to.include('await op.execute("DELETE FROM users WHERE id = 1");');
  });

  it("writes an empty downgrade for a one-way migration", async () => {
    const { source } = await renderMigration(input([addColumn("posts", column("x", "integer"))], { downgrade: [] }));
    expect(source).to.match(/export async function downgrade\(_op: MigrationOperations\): Promise<void> \{\s*\}\s*$/);
  });

  it("is deterministic: the same input gives a byte-identical file", async () => {
    const a = await renderMigration(input(everyReversibleOp, { dialect: "sqlite" }));
    const b = await renderMigration(input(structuredClone(everyReversibleOp), { dialect: "sqlite" }));
    expect(a.source).to.equal(b.source);
    expect(a.warnings).to.deep.equal(b.warnings);
  });

  describe("batch rendering (SQLite)", () => {
    const ops: Operation[] = [
      { kind: "createTable", table: posts },
      { kind: "createIndex", ...on("posts"), index: { name: "ix_title", parts: [{ column: "title", expression: null, descending: false }], unique: false, where: null, method: null }, concurrently: false },
      addColumn("users", column("age", "integer")),
      {
        kind: "alterColumn",
        ...on("users"),
        column: "name",
        changes: { nullable: { from: true, to: false } },
        existing: column("name", columnType("varchar", { length: 50 })),
      },
      { kind: "alterTableComment", ...on("users"), comment: { from: null, to: "x" } },
      addColumn("tags", column("label", "text")),
      addColumn("users", column("score", "integer")),
    ];

    it("groups consecutive changes to an existing table into one batchAlterTable block", async () => {
      const { source } = await renderMigration(input(ops, { dialect: "sqlite" }));
      const up = source.slice(0, source.indexOf("export async function downgrade"));
      expect(up.match(/batchAlterTable\("users"/g)).to.have.length(2);
      expect(up).to.include('await op.batchAlterTable("users", (batch) => {\n    batch.addColumn({ name: "age", type: "integer", nullable: true });\n    batch.alterColumn("name", {');
      expect(up).to.include('await op.setTableComment("users", "x", { existingComment: null });');
      expect(up).to.include('await op.batchAlterTable("tags", (batch) => {');
      // a table created in the same migration needs no rebuild
      expect(up).to.include('await op.createIndex("ix_title", "posts", ["title"]);');
    });

    it("batches the downgrade too, and not at all when renderAsBatch is off", async () => {
      const sqlite = await renderMigration(input(ops, { dialect: "sqlite" }));
      const down = sqlite.source.slice(sqlite.source.indexOf("export async function downgrade"));
      expect(down).to.include('batch.dropColumn("score");');
      const plain = await renderMigration(input(ops, { dialect: "sqlite", renderAsBatch: false }));
      expect(plain.source).not.to.include("batchAlterTable");
      expect(lines(plain.source)).to.include('await op.addColumn("users", { name: "age", type: "integer", nullable: true });');
      const pg = await renderMigration(input(ops));
      expect(pg.source).not.to.include("batchAlterTable");
    });

    it("renders the same downgrade as reverseAll of the upgrade", async () => {
      const implicit = await renderMigration(input(ops, { dialect: "sqlite" }));
      const explicit = await renderMigration(input(ops, { dialect: "sqlite", downgrade: reverseAll(ops) }));
      expect(implicit.source).to.equal(explicit.source);
    });
  });

  it("writes a comment instead of a call for an unnamed constraint, and warns", async () => {
    const op: Operation = { kind: "dropConstraint", ...on("t"), constraint: { type: "check", check: { name: null, expression: "a > 0" } } };
    const { source, warnings } = await renderMigration(input([op], { dialect: "sqlite", downgrade: [] }));
    expect(source).to.include("// WARNING: not generated: the unnamed check constraint");
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^Not generated: the unnamed check constraint on "t"/);
  });

  // Prisma's SQLite foreign keys have no name: the batch that recreates the table drops one by its columns.
  it("drops an unnamed foreign key inside a SQLite batch by its columns, and warns outside a batch", async () => {
    const op: Operation = {
      kind: "dropConstraint",
      ...on("posts"),
      constraint: {
        type: "foreignKey",
        foreignKey: { name: null, columns: ["user_id"], referencedSchema: null, referencedTable: "users", referencedColumns: ["id"], onDelete: "SET NULL", onUpdate: "CASCADE", deferrable: null },
      },
    };
    const batched = await renderMigration(input([op], { dialect: "sqlite", downgrade: [] }));
    expect(lines(batched.source)).to.include('batch.dropConstraint(null, "foreignKey", { columns: ["user_id"] });');
    expect(batched.warnings).to.deep.equal([]);
    const plain = await renderMigration(input([op], { dialect: "sqlite", renderAsBatch: false, downgrade: [] }));
    expect(plain.source).to.include("// WARNING: not generated: the unnamed foreignKey constraint");
    expect(plain.warnings).to.have.length(1);
  });

  it("keeps columns dropped and added in the hint-free order given", async () => {
    const ops = [dropColumn("posts", column("a", "integer")), addColumn("posts", column("b", "text"))];
    const l = lines((await renderMigration(input(ops))).source);
    expect(l.indexOf('await op.dropColumn("posts", "a");')).to.be.lessThan(l.indexOf('await op.addColumn("posts", { name: "b", type: "text", nullable: true });'));
  });

  // Issue 10, item 4: InnoDB keeps the index it made for a key; the downgrade drops it with the key.
  it("drops an added foreign key with its implicit index in a MySQL downgrade, and says nothing of it elsewhere", async () => {
    const fk: Operation = {
      kind: "createForeignKey",
      ...on("posts"),
      foreignKey: { name: "FK_author", columns: ["author_id"], referencedSchema: null, referencedTable: "users", referencedColumns: ["id"], onDelete: "NO ACTION", onUpdate: "NO ACTION", deferrable: null },
    };
    const downgrade = async (dialect: "mariadb" | "postgres" | "sqlite") => {
      const source = (await renderMigration(input([fk], { dialect, renderAsBatch: false }))).source;
      return source.slice(source.indexOf("export async function downgrade")).replace(/\s+/g, " ");
    };
    expect(await downgrade("mariadb")).to.include('op.dropConstraint("FK_author", "posts", "foreignKey", { implicitIndex: true })');
    for (const dialect of ["postgres", "sqlite"] as const) {
      expect(await downgrade(dialect)).to.include('op.dropConstraint("FK_author", "posts", "foreignKey")').and.not.include("implicitIndex");
    }
  });
});
