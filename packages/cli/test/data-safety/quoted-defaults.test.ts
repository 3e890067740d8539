import { describeEachTarget, type TargetContext } from "@retort/testing";
import { expect } from "chai";
import { DataSafetyProject } from "./data-safety-project";

/**
 * Issue 10, item 3: `default: "it's"` gave internal_error on SQLite, `'it' s '` on
 * PostgreSQL, and on MariaDB a stored `it` that check never accepted. TypeORM writes a
 * string default between quotes without escaping; retort quotes the value itself, in the
 * DDL, the migration file and --sql, with MySQL's backslashes too.
 */
function quoteEntity(family: TargetContext["target"]["family"]): string {
  const q = (name: string) => (family === "mysql" ? `\`${name}\`` : `"${name}"`);
  return `import { Check, Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
@Check("CK_quote_label", ${JSON.stringify(`${q("label")} <> 'it''s not'`)})
export class Quote {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 20, nullable: true }) label!: string | null;
  @Column({ type: "varchar", length: 20, default: "it's" }) apostrophe!: string;
  @Column({ type: "varchar", length: 20, default: "a\\\\b" }) backslash!: string;
  @Column({ type: "varchar", length: 20, default: "'quoted'" }) quoted!: string;
  // Pre-escaped, as TypeORM's own synchronize needs it: the value is it's.
  @Column({ type: "varchar", length: 20, default: "don''t" }) preEscaped!: string;
  @Column({ type: "varchar", length: 20, default: "x", comment: "it's a \\\\ comment" }) commented!: string;
  @Column({ type: ${family === "sqlite" ? '"simple-enum"' : '"enum"'}, enum: ["ok", "it's"], default: "it's" }) status!: string;
}
`;
}

const EXPECTED = { apostrophe: "it's", backslash: "a\\b", quoted: "'quoted'", preEscaped: "don't", status: "it's" };

describeEachTarget("data safety: defaults holding quotes and backslashes", (ctx) => {
  let project: DataSafetyProject;
  before(() => {
    project = DataSafetyProject.create(ctx, { "quote.ts": quoteEntity(ctx.target.family) });
  });
  after(async () => project?.close());
  // On SQLite a default is written bracketed, as TypeORM writes it, so that TypeORM's
  // schema builder reads back what it expects (docs/typeorm-coexistence.md).
  const defaultSql = (literal: string) => (ctx.target.family === "sqlite" ? `(${literal})` : literal);

  it("autogen --sql quotes each literal, and the file holds it as a string", () => {
    const run = project.retort("autogen", "-m", "quotes", "--sql");
    expect(run.code, run.stderr).to.equal(0);
    const backslash = ctx.target.family === "mysql" ? "'a\\\\b'" : "'a\\b'";
    for (const sql of ["'it''s'", backslash, "'''quoted'''", "'don''t'"]) expect(run.stdout).to.include(`DEFAULT ${defaultSql(sql)}`);
    const file = project.lastMigration();
    expect(file).to.include(`default: ${JSON.stringify(defaultSql("'it''s'"))}`);
    expect(file).to.include(`default: ${JSON.stringify(defaultSql(backslash))}`);
  });

  it("upgrade applies it: a row takes each value exactly, and check finds nothing", async () => {
    const up = project.retort("upgrade");
    expect(up.code, up.stderr).to.equal(0);
    const q = (n: string) => project.ident(n);
    await project.query(`INSERT INTO ${q("quote")} (${q("label")}) VALUES ('row')`);
    const [row] = await project.query<Record<string, unknown>>(`SELECT * FROM ${q("quote")}`);
    expect(row).to.include(EXPECTED);
    if (ctx.target.family !== "sqlite") {
      const table = (await project.reflect()).tables.find((t) => t.name === "quote");
      expect(table?.columns.find((c) => c.name === "commented")?.comment).to.equal("it's a \\ comment");
    }
    const check = project.retort("check");
    expect(check.code, check.stdout + check.stderr).to.equal(0);
  });

  it("upgrade --sql and downgrade print and run the same quoting", () => {
    const sql = project.retort("upgrade", "--sql", "base:head");
    expect(sql.code, sql.stderr).to.equal(0);
    expect(sql.stdout).to.include(`DEFAULT ${defaultSql("'it''s'")}`).and.include("'it''s not'");
    const down = project.retort("downgrade", "base");
    expect(down.code, down.stderr).to.equal(0);
    const up = project.retort("upgrade");
    expect(up.code, up.stderr).to.equal(0);
  });
});
