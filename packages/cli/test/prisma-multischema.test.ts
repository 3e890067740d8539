import { compareSchemas, describeOperations } from "@retort/compare";
import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { autogen, check, downgrade, migrationSql, upgrade } from "../src";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { prismaMigrateSql, runPrismaSql } from "./support/prisma-example";

/** A multiSchema datasource: tables, enums and a join table in schemas that do not exist yet. */
const SCHEMA = `datasource db {
  provider = "postgresql"
  schemas  = ["public", "auth", "shop"]
}

enum Role {
  USER
  ADMIN
  @@schema("auth")
}

model User {
  id     Int     @id @default(autoincrement())
  role   Role    @default(USER)
  orders Order[]
  groups Group[]
  @@schema("auth")
}

model Order {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
  @@index([userId])
  @@schema("shop")
}

model Group {
  id    Int    @id
  users User[]
  @@schema("public")
}
`;

const TABLES = [".Group", "._GroupToUser", "auth.User", "shop.Order"];

async function reflect(url: string): Promise<SchemaModel> {
  const db = await connect(url);
  try {
    const model = await introspect(db, { includeSchemas: true });
    return { ...model, tables: model.tables.filter((t) => !t.name.startsWith("retort_version")) };
  } finally {
    await db.close();
  }
}

const tableKeys = (model: SchemaModel) => model.tables.map((t) => `${t.schema ?? ""}.${t.name}`).sort();

describeEachTarget(
  "a Prisma multiSchema project (README.md \"Prisma schemas\")",
  (ctx) => {
    let project: FixtureProject;
    const options = () => ({ cwd: project.dir, url: ctx.db.url });
    before(() => {
      project = fixtureProject({
        "retort.config.ts": `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ prisma: "./prisma/schema.prisma", migrations: "./migrations" });\n`,
        "prisma/schema.prisma": SCHEMA,
      });
    });
    after(() => project?.remove());

    it("autogen adds the tables and the enum in their schemas", async function () {
      this.timeout(60_000);
      const result = await autogen({ ...options(), message: "initial" });
      const added = result.operations.filter((o) => o.kind === "add_table").map((o) => `${o.schema ?? ""}.${o.table}`).sort();
      expect(added).to.deep.equal(TABLES);
      expect(result.operations.some((o) => o.kind === "add_enum" && o.schema === "auth")).to.equal(true);
    });

    it("the migration creates each schema before its first table or type", async function () {
      this.timeout(60_000);
      const { statements } = await migrationSql("upgrade", "head", options());
      for (const schema of ["auth", "shop"]) {
        const created = statements.findIndex((s) => s === `CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        const used = statements.findIndex((s) => s.includes(`"${schema}".`));
        expect(created, `CREATE SCHEMA "${schema}"`).to.be.greaterThan(-1);
        expect(created).to.be.lessThan(used);
      }
    });

    it("upgrade builds it on a database without those schemas, and check finds it in sync", async function () {
      this.timeout(60_000);
      await upgrade("head", options());
      expect(tableKeys(await reflect(ctx.db.url))).to.deep.equal(TABLES);
      const result = await check(options());
      expect(result.operations).to.deep.equal([]);
      expect(result.upToDate).to.equal(true);
    });

    it("the database equals the one Prisma Migrate's SQL builds", async function () {
      this.timeout(60_000);
      const other = await createTestDatabase(ctx.target);
      try {
        const db = await connect(other.url);
        try {
          await runPrismaSql(db, await prismaMigrateSql(SCHEMA, "postgres"));
        } finally {
          await db.close();
        }
        const ours = await reflect(ctx.db.url);
        const prisma = await reflect(other.url);
        expect(tableKeys(prisma)).to.deep.equal(TABLES);
        expect(describeOperations(compareSchemas(prisma, ours))).to.deep.equal([]);
      } finally {
        await other.drop();
      }
    });

    it("check reports a change in a non-default schema with its schema; downgrade and upgrade again", async function () {
      this.timeout(60_000);
      // A second config with the edited schema: a process parses a config's schema once.
      project.write("prisma/changed.prisma", SCHEMA.replace("  @@index([userId])\n", "  note   String?\n  @@index([userId])\n"));
      project.write("changed.config.ts", `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ prisma: "./prisma/changed.prisma", migrations: "./migrations" });\n`);
      const changed = await check({ ...options(), config: "changed.config.ts" });
      expect(changed.operations.map((o) => [o.kind, o.schema, o.table, o.column])).to.deep.equal([["add_column", "shop", "Order", "note"]]);
      await downgrade("base", options());
      expect(tableKeys(await reflect(ctx.db.url))).to.deep.equal([]);
      await upgrade("head", options());
      expect((await check(options())).upToDate).to.equal(true);
    });
  },
  { targets: ["postgres"] },
);
