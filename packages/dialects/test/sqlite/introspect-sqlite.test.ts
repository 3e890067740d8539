import {
  column,
  columnType,
  CountingQueryable,
  index,
  indexPart,
  table,
  type ObjectType,
  type ParentNames,
  type Queryable,
  type SchemaModel,
  type TableModel,
} from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect } from "../../src";

/** DDL as TypeORM writes it for SQLite, plus hand-written forms TypeORM never produces. */
const SCHEMA = [
  `CREATE TABLE "author" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL,
    "email" varchar COLLATE NOCASE, "active" boolean NOT NULL DEFAULT (1), "created" datetime NOT NULL DEFAULT (datetime('now')),
    CONSTRAINT "UQ_author_email" UNIQUE ("email"), CONSTRAINT "CHK_author_name" CHECK (length("name") > 0))`,
  `CREATE TABLE "post" ("id" integer PRIMARY KEY NOT NULL, "authorId" integer, "editorId" integer, "slug" text UNIQUE,
    "title" text NOT NULL DEFAULT 'untitled', "score" real DEFAULT (0.5) CHECK (score >= 0),
    "upper_title" text GENERATED ALWAYS AS (upper("title")) VIRTUAL, "title_len" integer AS (length(title)) STORED,
    CONSTRAINT "FK_post_author" FOREIGN KEY ("authorId") REFERENCES "author" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
    FOREIGN KEY ("editorId") REFERENCES AUTHOR ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    UNIQUE ("authorId", "title"), CHECK ("title" <> ''))`,
  `CREATE INDEX "IDX_post_title" ON "post" ("title")`,
  `CREATE UNIQUE INDEX ix_post_lower ON post (lower(title) DESC, "authorId") WHERE score > 0`,
  `CREATE TABLE tag_link (post_id int NOT NULL, tag text NOT NULL, kind text NOT NULL,
    CONSTRAINT pk_tag_link PRIMARY KEY (tag, post_id),
    CONSTRAINT fk_link_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE RESTRICT ON UPDATE SET DEFAULT)`,
  `CREATE TABLE pair (a text, b text, PRIMARY KEY (a, b)) WITHOUT ROWID`,
  `CREATE TABLE pair_ref (x text, y text, FOREIGN KEY (x, y) REFERENCES pair)`,
  `CREATE TABLE plain_int (id int PRIMARY KEY, v)`,
  `CREATE TABLE no_key (v text)`,
  // https://www.sqlite.org/lang_createtable.html#rowid: the column-level DESC quirk
  `CREATE TABLE desc_column (id INTEGER PRIMARY KEY DESC)`,
  `CREATE TABLE desc_table (id INTEGER, PRIMARY KEY (id DESC))`,
];

describeEachTarget(
  "introspectSqlite",
  (ctx) => {
    let db: Queryable;
    let model: SchemaModel;
    const table_ = (name: string): TableModel => {
      const found = model.tables.find((t) => t.name === name);
      if (!found) throw new Error(`table ${name} not reflected`);
      return found;
    };

    before(async () => {
      db = await connect(ctx.db.url);
      for (const ddl of SCHEMA) await db.query(ddl);
      await db.query(`INSERT INTO author (name) VALUES ('a')`);
      await db.query(`ANALYZE`); // creates sqlite_stat1
      model = await introspect(db);
    });
    after(() => db.close());

    it("reflects main only, skipping SQLite's internal tables", async () => {
      const internal = await db.query<{ name: string }>(
        `SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_%' AND type = 'table'`,
      );
      expect(internal.map((r) => r.name)).to.include.members(["sqlite_sequence", "sqlite_stat1"]);
      expect(model.dialect).to.equal("sqlite");
      expect(model.defaultSchema).to.equal("main");
      expect(model.schemas).to.deep.equal([]);
      expect(model.enums).to.deep.equal([]);
      expect(model.tables.map((t) => t.name)).to.deep.equal([
        "author",
        "desc_column",
        "desc_table",
        "no_key",
        "pair",
        "pair_ref",
        "plain_int",
        "post",
        "tag_link",
      ]);
      expect(model.tables.every((t) => t.schema === null && t.comment === null)).to.equal(true);
    });

    it("reads main's tables even when a TEMP table of the same name shadows one", async () => {
      await db.query(`CREATE TEMP TABLE author (other integer PRIMARY KEY, x text UNIQUE REFERENCES post)`);
      try {
        expect(await introspect(db)).to.deep.equal(model);
      } finally {
        await db.query(`DROP TABLE temp.author`);
      }
    });

    it("ignores includeSchemas: attached databases are out of scope", async () => {
      expect(await introspect(db, { includeSchemas: true })).to.deep.equal(model);
    });

    it("reflects a TypeORM table: AUTOINCREMENT, defaults, collation, named unique and check", () => {
      expect(table_("author")).to.deep.equal(
        table("author", {
          columns: [
            column("id", "integer", { nullable: false, autoIncrement: "sqlite-autoincrement" }),
            column("name", columnType("varchar", { length: 100 }), { nullable: false }),
            column("email", "varchar", { collation: "NOCASE" }),
            column("active", "boolean", { nullable: false, default: "1" }),
            column("created", "datetime", { nullable: false, default: "datetime('now')" }),
          ],
          primaryKey: { name: null, columns: ["id"] },
          uniques: [{ name: "UQ_author_email", columns: ["email"], deferrable: null }],
          checks: [{ name: "CHK_author_name", expression: "length(name) > 0" }],
        }),
      );
    });

    it("reflects rowid aliases, generated columns, indexes, unnamed constraints and FKs", () => {
      expect(table_("post")).to.deep.equal(
        table("post", {
          columns: [
            column("id", "integer", { nullable: false, autoIncrement: "rowid" }),
            column("authorId", "integer"),
            column("editorId", "integer"),
            column("slug", "text"),
            column("title", "text", { nullable: false, default: "'untitled'" }),
            column("score", "real", { default: "0.5" }),
            column("upper_title", "text", { generated: { expression: "upper(title)", stored: false } }),
            column("title_len", "integer", { generated: { expression: "length(title)", stored: true } }),
          ],
          primaryKey: { name: null, columns: ["id"] },
          indexes: [
            index("IDX_post_title", ["title"]),
            index(
              "ix_post_lower",
              [{ column: null, expression: "lower(title)", descending: true }, indexPart("authorId")],
              {
                unique: true,
                where: "score > 0",
              },
            ),
          ],
          uniques: [
            { name: null, columns: ["slug"], deferrable: null },
            { name: null, columns: ["authorId", "title"], deferrable: null },
          ],
          foreignKeys: [
            {
              name: "FK_post_author",
              columns: ["authorId"],
              referencedSchema: null,
              referencedTable: "author",
              referencedColumns: ["id"],
              onDelete: "CASCADE",
              onUpdate: "NO ACTION",
              deferrable: null,
            },
            {
              name: null,
              columns: ["editorId"],
              referencedSchema: null,
              referencedTable: "author", // written AUTHOR: the table's own spelling wins
              referencedColumns: ["id"],
              onDelete: "SET NULL",
              onUpdate: "NO ACTION",
              deferrable: "deferred",
            },
          ],
          checks: [
            { name: null, expression: "score >= 0" },
            { name: null, expression: "title <> ''" },
          ],
        }),
      );
    });

    it("keeps a named composite primary key in key order, not column order", () => {
      const t = table_("tag_link");
      expect(t.primaryKey).to.deep.equal({ name: "pk_tag_link", columns: ["tag", "post_id"] });
      expect(t.columns.map((c) => c.autoIncrement)).to.deep.equal([null, null, null]);
      expect(t.foreignKeys).to.deep.equal([
        {
          name: "fk_link_post",
          columns: ["post_id"],
          referencedSchema: null,
          referencedTable: "post",
          referencedColumns: ["id"],
          onDelete: "RESTRICT",
          onUpdate: "SET DEFAULT",
          deferrable: null,
        },
      ]);
    });

    it("fills an omitted FK column list with the parent's primary key, in key order", () => {
      expect(table_("pair_ref").foreignKeys.map((fk) => [fk.columns, fk.referencedColumns])).to.deep.equal([
        [
          ["x", "y"],
          ["a", "b"],
        ],
      ]);
    });

    it("follows the engine on INTEGER PRIMARY KEY DESC: an alias only at table level", () => {
      expect(table_("desc_column").columns[0].autoIncrement).to.equal(null);
      expect(table_("desc_table").columns[0].autoIncrement).to.equal("rowid");
    });

    it("sees a rowid alias as NOT NULL even when not declared so, unlike other key columns", () => {
      expect(table_("desc_table").columns[0].nullable).to.equal(false);
      expect(table_("desc_column").columns[0].nullable).to.equal(true);
      expect(table_("plain_int").columns[0].nullable).to.equal(true);
    });

    it("sees no rowid alias for int, WITHOUT ROWID or keyless tables", () => {
      expect(table_("plain_int").columns).to.deep.equal([column("id", "int"), column("v", "")]);
      expect(table_("plain_int").primaryKey).to.deep.equal({ name: null, columns: ["id"] });
      expect(table_("pair").columns.map((c) => [c.autoIncrement, c.nullable])).to.deep.equal([
        [null, false],
        [null, false],
      ]);
      expect(table_("no_key")).to.deep.equal(table("no_key", { columns: [column("v", "text")] }));
    });

    it("asks includeName about every object before reflecting it, with its parent names", async () => {
      const asked: [string | null, ObjectType, ParentNames][] = [];
      const filtered = await introspect(db, {
        includeName: (name, type, parents) => {
          asked.push([name, type, parents]);
          if (type === "table") return name === "post" || name === "author";
          return !(
            name === "slug" ||
            name === "IDX_post_title" ||
            name === "FK_post_author" ||
            (type === "check_constraint" && name === null)
          );
        },
      });
      expect(filtered.tables.map((t) => t.name)).to.deep.equal(["author", "post"]);
      const post = filtered.tables[1];
      expect(post.columns.map((c) => c.name)).not.to.include("slug");
      expect(post.indexes.map((i) => i.name)).to.deep.equal(["ix_post_lower"]);
      expect(post.foreignKeys.map((f) => f.name)).to.deep.equal([null]);
      expect(post.checks).to.deep.equal([]);
      expect(asked.filter(([, type]) => type === "table").map(([n]) => n)).to.have.members(
        model.tables.map((t) => t.name),
      );
      const parents = { schemaName: null, tableName: "post", schemaQualifiedTableName: "post" };
      expect(asked).to.deep.include(["IDX_post_title", "index", parents]);
      expect(asked).to.deep.include([null, "unique_constraint", parents]);
      expect(asked).to.deep.include(["FK_post_author", "foreign_key_constraint", parents]);
      expect(asked).to.deep.include(["title", "column", parents]);
      expect(
        asked.some(([, , p]) => p.tableName === "tag_link"),
        "rejected tables cost nothing",
      ).to.equal(false);
    });
  },
  { families: ["sqlite"] },
);

describeEachTarget(
  "introspectSqlite with awkward names",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
      await db.query(
        `CREATE TABLE [Parent Table] ("Key ""1""" integer PRIMARY KEY, [naïve] text CONSTRAINT [uq "x"] UNIQUE)`,
      );
      await db.query(
        `CREATE TABLE "it's ""odd""" ("a b" integer CONSTRAINT "fk ""p""" REFERENCES "parent table", [c,d] text CHECK ([c,d] <> 'x'), e integer REFERENCES [PARENT TABLE] ("key ""1"""))`,
      );
      await db.query(`CREATE INDEX "ix it's" ON "it's ""odd""" ("a b" DESC) WHERE "a b" > 0`);
    });
    after(() => db.close());

    it("reads quoted table, column and constraint names exactly, with and without a filter", async () => {
      for (const includeName of [undefined, () => true]) {
        const model = await introspect(db, { includeName });
        expect(model.tables.map((t) => t.name)).to.deep.equal(["Parent Table", `it's "odd"`]);
        const [parent, odd] = model.tables;
        expect(parent.columns.map((c) => [c.name, c.autoIncrement])).to.deep.equal([
          [`Key "1"`, "rowid"],
          ["naïve", null],
        ]);
        expect(parent.uniques).to.deep.equal([{ name: `uq "x"`, columns: ["naïve"], deferrable: null }]);
        expect(odd.foreignKeys.map((f) => [f.name, f.referencedTable, f.referencedColumns])).to.deep.equal([
          [null, "Parent Table", [`Key "1"`]],
          [`fk "p"`, "Parent Table", [`Key "1"`]],
        ]);
        expect(odd.checks).to.deep.equal([{ name: null, expression: `"c,d" <> 'x'` }]);
        expect(odd.indexes).to.deep.equal([index("ix it's", [indexPart("a b", true)], { where: `"a b" > 0` })]);
      }
    });
  },
  { families: ["sqlite"] },
);

describeEachTarget(
  "introspectSqlite query count",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
    });
    after(() => db.close());

    async function countFor(tables: number, from: number): Promise<number> {
      for (let i = from; i < tables; i++) {
        await db.query(
          `CREATE TABLE t${i} (id integer PRIMARY KEY, code text UNIQUE, p integer REFERENCES t0 (id), CHECK (id > 0))`,
        );
        await db.query(`CREATE INDEX ix_t${i} ON t${i} (code, p)`);
      }
      const counting = new CountingQueryable(db);
      const model = await introspect(counting);
      expect(model.tables).to.have.length(tables);
      return counting.count;
    }

    it("does not grow with the number of tables", async () => {
      const three = await countFor(3, 0);
      const thirty = await countFor(30, 3);
      expect(thirty).to.equal(three);
      expect(three).to.equal(4);
    });

    it("stays the same with a table filter", async () => {
      const counting = new CountingQueryable(db);
      const model = await introspect(counting, { includeName: (name, type) => type !== "table" || name === "t7" });
      expect(model.tables.map((t) => t.name)).to.deep.equal(["t7"]);
      expect(counting.count).to.equal(4);
    });
  },
  { families: ["sqlite"] },
);
