import { column, columnType, formatType, index, table, view, type AlterColumnOp, type ColumnType, type Operation, type OperationKind } from "@retort/core";
import { expect } from "chai";
import {
  formatMysqlType,
  formatPostgresType,
  formatSqliteType,
  MYSQL_QUOTING,
  mysqlRules,
  parseOpType,
  postgresRules,
  sqliteRules,
  POSTGRES_QUOTING,
  renderersFor,
  renderOperation,
  parsePortableType,
  SQLITE_QUOTING,
  type RenderContext,
} from "../../src";

const pg: RenderContext = { dialect: "postgres", serverVersion: null };
const maria = (serverVersion: string | null): RenderContext => ({ dialect: "mariadb", serverVersion });
const sqlite: RenderContext = { dialect: "sqlite", serverVersion: null };

function alter(changes: AlterColumnOp["changes"], existing = column("c", "varchar")): AlterColumnOp {
  return { kind: "alterColumn", schema: null, table: "t", column: "c", changes, existing };
}

describe("DDL renderers", () => {
  it("has a renderer for every operation kind on every dialect", () => {
    const kinds = Object.keys(renderersFor("postgres")).sort();
    expect(kinds).to.have.length(28);
    for (const d of ["mysql", "mariadb", "sqlite"] as const) expect(Object.keys(renderersFor(d)).sort()).to.deep.equal(kinds);
    const sample: OperationKind = "batchAlterTable";
    expect(kinds).to.include(sample);
  });

  it("quotes every identifier: reserved words, embedded quotes and backticks", () => {
    expect(POSTGRES_QUOTING.qualified("my schema", "order")).to.equal('"my schema"."order"');
    expect(POSTGRES_QUOTING.ident('we"ird')).to.equal('"we""ird"');
    expect(SQLITE_QUOTING.ident('we"ird')).to.equal('"we""ird"');
    expect(MYSQL_QUOTING.ident("we`ird")).to.equal("`we``ird`");
    expect(MYSQL_QUOTING.ident('we"ird')).to.equal('`we"ird`');
    expect(MYSQL_QUOTING.literal("it's a \\ path")).to.equal("'it''s a \\\\ path'");
    expect(POSTGRES_QUOTING.literal("it's a \\ path")).to.equal("'it''s a \\ path'");
  });

  it("reads portable type strings", () => {
    expect(parsePortableType("character varying(20)")).to.deep.include({ name: "varchar", length: 20 });
    expect(parsePortableType("numeric(10, 2)")).to.deep.include({ name: "numeric", precision: 10, scale: 2 });
    expect(parsePortableType("timestamp(3) with time zone")).to.deep.include({ name: "timestamptz", precision: 3 });
    expect(parsePortableType("int unsigned")).to.deep.include({ name: "integer", unsigned: true });
    expect(parsePortableType("text[][]")).to.deep.include({ name: "text", arrayDimensions: 2 });
    expect(parsePortableType("enum('a','b''c')")).to.deep.include({ name: "enum", enumValues: ["a", "b'c"] });
    expect(() => parsePortableType("varchar(abc)")).to.throw(/Cannot read the column type "varchar\(abc\)"/);
  });

  it("maps portable types to MySQL from a data table, by server version", () => {
    const t = (s: string, ctx = maria(null)) => formatMysqlType(parsePortableType(s), ctx);
    expect(t("boolean")).to.equal("tinyint(1)");
    expect(t("jsonb")).to.equal("json");
    expect(t("timestamptz(6)")).to.equal("timestamp(6)");
    expect(t("varchar")).to.equal("varchar(255)");
    expect(t("integer unsigned")).to.equal("int unsigned");
    expect(t("uuid", maria("10.6.12-MariaDB"))).to.equal("char(36)");
    expect(t("uuid", maria("10.11.6-MariaDB-1:10.11.6+maria~ubu2204"))).to.equal("uuid");
    expect(formatMysqlType(parsePortableType("uuid"), { dialect: "mysql", serverVersion: "8.0.36" })).to.equal("char(36)");
  });

  it("round-trips canonical types: codegen's string → op API → DDL → the dialect's rules", () => {
    const cases = {
      postgres: ["integer", "varchar(20)", "numeric(10,2)", "timestamptz(3)", "double precision", "text[]", "char(1)", "uuid", "jsonb", "interval"],
      mariadb: ["int", "int unsigned", "boolean", "varchar(255)", "decimal(10,2)", "datetime(6)", "enum('a','b''c')", "double", "char(36)", "longtext", "bigint unsigned"],
      sqlite: ["integer", "int", "varchar(255)", "numeric(10,2)", "datetime", "boolean", "double", "text", "blob"],
    } as const;
    const rules = { postgres: postgresRules, mariadb: mysqlRules, sqlite: sqliteRules };
    const render = {
      postgres: formatPostgresType,
      mariadb: (t: ReturnType<typeof parseOpType>) => formatMysqlType(t, maria("10.11.6-MariaDB")),
      sqlite: formatSqliteType,
    };
    for (const dialect of ["postgres", "mariadb", "sqlite"] as const) {
      for (const spelled of cases[dialect]) {
        const canonical = rules[dialect].parseType(spelled, dialect);
        const ddl = render[dialect](parseOpType(formatType(canonical), dialect));
        expect(rules[dialect].parseType(ddl, dialect), `${dialect} ${spelled} → ${ddl}`).to.deep.equal(canonical);
      }
    }
  });

  it("changes a PostgreSQL type in place with USING, never by drop and add", () => {
    const sql = renderOperation(alter({ type: { from: columnType("varchar"), to: columnType("integer") } }), pg);
    expect(sql).to.deep.equal(['ALTER TABLE "t" ALTER COLUMN "c" TYPE integer USING "c"::integer']);
  });

  // Issue 10, item 1: `USING "c"::varchar(10)` truncated longer values silently.
  it("writes no USING on PostgreSQL where an assignment cast exists, so the server refuses what does not fit", () => {
    const t = columnType;
    const cases: [ColumnType, ColumnType][] = [
      [t("varchar", { length: 255 }), t("varchar", { length: 10 })],
      [t("text"), t("char", { length: 2 })],
      [t("bigint"), t("integer")],
      [t("numeric", { precision: 10, scale: 2 }), t("numeric", { precision: 5, scale: 1 })],
      [t("timestamptz"), t("date")],
      [t("integer"), t("varchar", { length: 3 })],
      [t("enum", { enumName: "mood", enumValues: ["ok"] }), t("varchar", { length: 2 })],
    ];
    for (const [from, to] of cases) {
      const [sql] = renderOperation(alter({ type: { from, to } }), pg);
      expect(sql, `${from.name} -> ${to.name}`).to.match(/^ALTER TABLE "t" ALTER COLUMN "c" TYPE [^;]+$/).and.not.include("USING");
    }
  });

  // Issue 10, item 0: a function default is an expression; MySQL 8 refuses `DEFAULT uuid()` bare.
  it("writes a MySQL function default in brackets, literals and CURRENT_TIMESTAMP bare", () => {
    const add = (d: string) =>
      renderOperation({ kind: "addColumn", schema: null, table: "t", column: column("c", "varchar", { default: d }) }, maria(null))[0];
    expect(add("uuid()")).to.match(/DEFAULT \(uuid\(\)\)$/);
    expect(add("lower(hex(x'0A'))")).to.match(/DEFAULT \(lower\(hex\(x'0A'\)\)\)$/);
    for (const bare of ["'it''s'", "'a\\\\b'", "0", "-1.5", "NULL", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP(3)", "b'1'"])
      expect(add(bare)).to.match(new RegExp(`DEFAULT ${bare.replace(/[()\\[\]]/g, "\\$&")}$`));
    const set = alter({ default: { from: null, to: "curdate()" } });
    expect(renderOperation(set, maria(null))).to.deep.equal(["ALTER TABLE `t` ALTER COLUMN `c` SET DEFAULT (curdate())"]);
  });

  // Issue 10, item 4: the downgrade of an added key drops InnoDB's index for it, never a declared one.
  it("drops a MySQL foreign key with the index InnoDB made for it only when asked, and only that index", () => {
    const fk = { name: "FK_a", columns: [], referencedSchema: null, referencedTable: "", referencedColumns: [], onDelete: "NO ACTION", onUpdate: "NO ACTION", deferrable: null } as const;
    const drop = (implicitIndex?: boolean): Operation => ({ kind: "dropConstraint", schema: null, table: "t", constraint: { type: "foreignKey", foreignKey: fk }, ...(implicitIndex ? { implicitIndex } : {}) });
    expect(renderOperation(drop(), maria(null))).to.deep.equal(["ALTER TABLE `t` DROP FOREIGN KEY `FK_a`"]);
    const sql = renderOperation(drop(true), maria(null));
    expect(sql.slice(1)).to.deep.equal(["ALTER TABLE `t` DROP FOREIGN KEY `FK_a`", "PREPARE retort_fk_index FROM @retort_fk_index", "EXECUTE retort_fk_index", "DEALLOCATE PREPARE retort_fk_index"]);
    expect(sql[0]).to.include("s.INDEX_NAME = 'FK_a'").and.include("MIN(s.NON_UNIQUE) = 1").and.include("k.CONSTRAINT_NAME = 'FK_a'");
    expect(renderOperation(drop(true), pg)).to.deep.equal(['ALTER TABLE "t" DROP CONSTRAINT "FK_a"']);
  });

  it("restates the whole MySQL column on MODIFY, and uses CHANGE for a rename with other changes", () => {
    const existing = column("c", columnType("varchar", { length: 10 }), { nullable: false, default: "'x'", comment: "keep me" });
    const widen = alter({ type: { from: existing.type, to: columnType("varchar", { length: 50 }) } }, existing);
    expect(renderOperation(widen, maria(null))).to.deep.equal(["ALTER TABLE `t` MODIFY COLUMN `c` varchar(50) NOT NULL DEFAULT 'x' COMMENT 'keep me'"]);
    const both = alter({ name: { from: "c", to: "d" }, nullable: { from: false, to: true } }, existing);
    expect(renderOperation(both, maria(null))).to.deep.equal(["ALTER TABLE `t` CHANGE COLUMN `c` `d` varchar(10) NULL DEFAULT 'x' COMMENT 'keep me'"]);
    const rename = alter({ name: { from: "c", to: "d" } });
    expect(renderOperation(rename, maria(null))).to.deep.equal(["ALTER TABLE `t` RENAME COLUMN `c` TO `d`"]);
  });

  it("adds PostgreSQL enum values with ADD VALUE when the old order is kept", () => {
    const op: Operation = { kind: "alterEnum", schema: "s", name: "mood", values: { from: ["b", "d"], to: ["a", "b", "c", "d", "e"] } };
    expect(renderOperation(op, pg)).to.deep.equal([
      `ALTER TYPE "s"."mood" ADD VALUE 'a' BEFORE 'b'`,
      `ALTER TYPE "s"."mood" ADD VALUE 'c' AFTER 'b'`,
      `ALTER TYPE "s"."mood" ADD VALUE 'e'`,
    ]);
  });

  it("rebuilds a PostgreSQL enum when values are removed or reordered", () => {
    const op: Operation = { kind: "alterEnum", schema: null, name: "mood", values: { from: ["a", "b"], to: ["b", "a"] } };
    const sql = renderOperation(op, pg);
    expect(sql[0]).to.equal('ALTER TYPE "mood" RENAME TO "_retort_old_mood"');
    expect(sql[1]).to.equal(`CREATE TYPE "mood" AS ENUM ('b', 'a')`);
    expect(sql[2]).to.match(/^DO \$retort\$/).and.include('USING %I::text::"mood"');
    expect(sql[3]).to.equal('DROP TYPE "_retort_old_mood"');
  });

  it("names batchAlterTable when SQLite cannot ALTER", () => {
    const ops: Operation[] = [
      alter({ nullable: { from: true, to: false } }),
      { kind: "createCheckConstraint", schema: null, table: "t", check: { name: "ck", expression: "c > 0" } },
      { kind: "addColumn", schema: null, table: "t", column: column("n", "integer", { nullable: false }) },
    ];
    for (const op of ops) expect(() => renderOperation(op, sqlite)).to.throw(/op\.batchAlterTable\("t"/);
  });

  it("creates a missing extension marked as a migration's, drops only such a one on the way back, refuses elsewhere", () => {
    const [create] = renderOperation({ kind: "createExtension", extension: { name: "uuid-ossp" } }, pg);
    expect(create).to.include('IF (SELECT oid FROM pg_extension WHERE extname = \'uuid-ossp\') IS NULL THEN');
    expect(create).to.include('CREATE EXTENSION "uuid-ossp";');
    expect(create).to.include("[created by a retort migration]");
    const [guardedDrop] = renderOperation({ kind: "dropExtension", extension: { name: "uuid-ossp" }, onlyIfCreatedByRetort: true }, pg);
    expect(guardedDrop).to.include("LIKE '%[created by a retort migration]'");
    expect(guardedDrop).to.include('DROP EXTENSION "uuid-ossp";');
    expect(renderOperation({ kind: "dropExtension", extension: { name: "hstore" }, onlyIfCreatedByRetort: false }, pg)).to.deep.equal(['DROP EXTENSION "hstore"']);
    const op = { kind: "createExtension" as const, extension: { name: "hstore" } };
    expect(() => renderOperation(op, maria(null))).to.throw('MySQL/MariaDB cannot create extension "hstore". Extensions exist on PostgreSQL only');
    expect(() => renderOperation(op, sqlite)).to.throw('SQLite cannot create extension "hstore". Extensions exist on PostgreSQL only');
  });

  it("adds and drops exclusion constraints on PostgreSQL in the entity's spelling, inline in CREATE TABLE too; refuses elsewhere", () => {
    const exclusion = { name: "no_overlap", expression: "using gist(room WITH =, during WITH &&)", writtenExpression: 'USING gist ("room" WITH =, "during" WITH &&)' };
    expect(renderOperation({ kind: "createExclusionConstraint", schema: "app", table: "b", exclusion }, pg)).to.deep.equal([
      'ALTER TABLE "app"."b" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&)',
    ]);
    expect(renderOperation({ kind: "dropExclusionConstraint", schema: null, table: "b", exclusion }, pg)).to.deep.equal([
      'ALTER TABLE "b" DROP CONSTRAINT "no_overlap"',
    ]);
    const [create] = renderOperation({ kind: "createTable", table: table("b", { columns: [column("room", "integer")], exclusions: [exclusion] }) }, pg);
    expect(create).to.equal('CREATE TABLE "b" (\n  "room" integer,\n  CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&)\n)');
    const op = { kind: "createExclusionConstraint" as const, schema: null, table: "b", exclusion };
    expect(() => renderOperation(op, maria(null))).to.throw('MySQL/MariaDB cannot create exclusion constraint "no_overlap" on "b". Exclusion constraints (@Exclusion) exist on PostgreSQL only');
    expect(() => renderOperation({ ...op, kind: "dropExclusionConstraint" }, sqlite)).to.throw('SQLite cannot drop exclusion constraint "no_overlap" on "b".');
  });

  it("writes a SQLite auto-increment key inline and keeps named constraints", () => {
    const t = table("we\"ird", {
      columns: [column("id", "integer", { nullable: false, autoIncrement: "sqlite-autoincrement" }), column("p", "integer")],
      primaryKey: { name: null, columns: ["id"] },
      foreignKeys: [{ name: "fk", columns: ["p"], referencedSchema: null, referencedTable: 'we"ird', referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION", deferrable: null }],
    });
    expect(renderOperation({ kind: "createTable", table: t }, sqlite)).to.deep.equal([
      'CREATE TABLE "we""ird" (\n  "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n  "p" integer,\n  CONSTRAINT "fk" FOREIGN KEY ("p") REFERENCES "we""ird" ("id") ON DELETE CASCADE)',
    ]);
  });

  it("writes views: materialized with their indexes on PostgreSQL, OR REPLACE on MySQL, drop and create elsewhere", () => {
    const mv = view("stats", "SELECT a, count(*) AS n FROM t GROUP BY a", { schema: "app", materialized: true, indexes: [index("stats_a", ["a"], { unique: true })] });
    expect(renderOperation({ kind: "createView", view: mv }, pg)).to.deep.equal([
      'CREATE MATERIALIZED VIEW "app"."stats" AS SELECT a, count(*) AS n FROM t GROUP BY a',
      'CREATE UNIQUE INDEX "stats_a" ON "app"."stats" ("a")',
    ]);
    expect(renderOperation({ kind: "dropView", view: mv }, pg)).to.deep.equal(['DROP MATERIALIZED VIEW "app"."stats"']);
    expect(renderOperation({ kind: "refreshMaterializedView", schema: "app", name: "stats" }, pg)).to.deep.equal(['REFRESH MATERIALIZED VIEW "app"."stats"']);
    const change = { kind: "replaceView" as const, view: { from: view("v", "SELECT 1 AS a"), to: view("v", "SELECT 2 AS b") } };
    expect(renderOperation(change, pg)).to.deep.equal(['DROP VIEW "v"', 'CREATE VIEW "v" AS SELECT 2 AS b']);
    expect(renderOperation(change, maria(null))).to.deep.equal(["CREATE OR REPLACE VIEW `v` AS SELECT 2 AS b"]);
    expect(renderOperation(change, sqlite)).to.deep.equal(['DROP VIEW "v"', 'CREATE VIEW "v" AS SELECT 2 AS b']);
    expect(() => renderOperation({ kind: "createView", view: mv }, sqlite)).to.throw("SQLite cannot create materialized view \"stats\". Materialized views exist on PostgreSQL only.");
  });
});
