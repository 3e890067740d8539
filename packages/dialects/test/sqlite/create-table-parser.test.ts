import { expect } from "chai";
import { parseCreateIndex } from "../../src/sqlite/create-index-parser";
import { parseCreateTable } from "../../src/sqlite/create-table-parser";
import { readingSchemaOf, SqliteSchemaReadError } from "../../src/sqlite/schema-read-error";

describe("sqlite create-table-parser", () => {
  it("reads named and unnamed, column- and table-level checks with nested parentheses and quotes", () => {
    const parsed = parseCreateTable(`CREATE TABLE "t" (
      a integer CHECK (a > 0) CONSTRAINT "ck_a2" CHECK ((a % 2) = 0),
      b text CHECK (b NOT IN ('x)', 'y,z')),
      CONSTRAINT [ck ab] CHECK (length(b) > a), -- a comment with ( and ,
      CHECK (b <> 'it''s'))`);
    expect(parsed.checks).to.deep.equal([
      { name: null, expression: "a > 0" },
      { name: "ck_a2", expression: "(a % 2) = 0" },
      { name: null, expression: "b NOT IN ('x)', 'y,z')" },
      { name: "ck ab", expression: "length(b) > a" },
      { name: null, expression: "b <> 'it''s'" },
    ]);
  });

  it("reads primary key names and AUTOINCREMENT at column and table level", () => {
    expect(
      parseCreateTable(`CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT NOT NULL)`).primaryKey,
    ).to.deep.equal({
      name: "pk_t",
      columns: ["id"],
      autoIncrement: true,
    });
    expect(parseCreateTable(`CREATE TABLE t (a int, b int, PRIMARY KEY (a, "b" DESC))`).primaryKey).to.deep.equal({
      name: null,
      columns: ["a", "b"],
      autoIncrement: false,
    });
    expect(
      parseCreateTable(`CREATE TABLE t (id integer, PRIMARY KEY (id AUTOINCREMENT))`).primaryKey?.autoIncrement,
    ).to.equal(true);
  });

  it("reads unique and foreign key names, columns and deferrability", () => {
    const parsed = parseCreateTable(`CREATE TABLE c (
      a int CONSTRAINT uq_a UNIQUE CONSTRAINT fk_a REFERENCES p (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      b int REFERENCES "p" NOT NULL, c int, d int,
      UNIQUE (c, d) ON CONFLICT REPLACE,
      CONSTRAINT "fk cd" FOREIGN KEY (c, d) REFERENCES q (x, y) ON UPDATE NO ACTION MATCH SIMPLE DEFERRABLE INITIALLY IMMEDIATE,
      FOREIGN KEY (d) REFERENCES q (x) NOT DEFERRABLE INITIALLY DEFERRED)`);
    expect(parsed.uniques).to.deep.equal([
      { name: "uq_a", columns: ["a"] },
      { name: null, columns: ["c", "d"] },
    ]);
    expect(parsed.foreignKeys).to.deep.equal([
      { name: "fk_a", columns: ["a"], referencedTable: "p", deferrable: "deferred" },
      { name: null, columns: ["b"], referencedTable: "p", deferrable: null },
      { name: "fk cd", columns: ["c", "d"], referencedTable: "q", deferrable: "immediate" },
      { name: null, columns: ["d"], referencedTable: "q", deferrable: null },
    ]);
  });

  it("reads generated expressions, collations and defaults without confusing them", () => {
    const parsed = parseCreateTable(`CREATE TABLE g (
      a text DEFAULT 'COLLATE x' COLLATE "NOCASE",
      b int DEFAULT -1,
      c text GENERATED ALWAYS AS (upper(a) || ')') STORED,
      d int AS (b * 2),
      "e f" varchar(10) DEFAULT (datetime('now')) COLLATE rtrim NOT NULL)`);
    expect([...parsed.columns.values()]).to.deep.equal([
      { name: "a", collation: "NOCASE", generated: null },
      { name: "b", collation: null, generated: null },
      { name: "c", collation: null, generated: { expression: "upper(a) || ')'", stored: true } },
      { name: "d", collation: null, generated: { expression: "b * 2", stored: false } },
      { name: "e f", collation: "rtrim", generated: null },
    ]);
    expect(parsed.columns.get("e f")?.name).to.equal("e f");
  });

  it("notices WITHOUT ROWID and STRICT options", () => {
    expect(parseCreateTable(`CREATE TABLE w (a int PRIMARY KEY) WITHOUT ROWID, STRICT`).withoutRowid).to.equal(true);
    expect(parseCreateTable(`CREATE TABLE w (a int PRIMARY KEY)`).withoutRowid).to.equal(false);
  });

  it("reads expression parts and the WHERE clause of CREATE INDEX", () => {
    expect(
      parseCreateIndex(
        `CREATE UNIQUE INDEX "ix" ON "t" (lower("a") COLLATE nocase DESC, b, (a + b) ASC) WHERE a > 0 AND (b IS NOT NULL)`,
      ),
    ).to.deep.equal({ parts: [`lower("a")`, "b", "(a + b)"], where: "a > 0 AND (b IS NOT NULL)" });
    expect(parseCreateIndex(`CREATE INDEX ix ON t (a)`)).to.deep.equal({ parts: ["a"], where: null });
  });
});

describe("sqlite schema read errors", () => {
  it("names the object and how to see its statement", () => {
    const error = (() => {
      try {
        readingSchemaOf("table", "it's", () => parseCreateTable("CREATE TABLE x AS"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(SqliteSchemaReadError).with.property("code", "unreadable_schema");
    expect((error as Error).message)
      .to.include(`SQLite table "it's"`)
      .and.include(`WHERE name = 'it''s'`)
      .and.include("includeName");
  });
});
