import { expect } from "chai";
import { otherToolsTables } from "@retort/typeorm";
import { isBookkeeping, retortTables, unclaimedBy } from "../src/project/bookkeeping-tables";

const postgres = { dialect: "postgres", defaultSchema: "public" } as const;
const names = (tables: ReturnType<typeof otherToolsTables>) => tables.map((t) => `${t.schema ?? "<default>"}.${t.name}`);

describe("bookkeeping tables", () => {
  it("takes TypeORM's table names from the DataSource, defaulting as TypeORM does", () => {
    expect(names(otherToolsTables({ type: "postgres" }, postgres))).to.deep.equal(["<default>.migrations", "<default>.typeorm_metadata", "<default>._prisma_migrations"]);
    expect(names(otherToolsTables({ type: "postgres", migrationsTableName: "history", metadataTableName: "meta" }, postgres))).to.deep.equal([
      "<default>.history",
      "<default>.meta",
      "<default>._prisma_migrations",
    ]);
  });

  it("puts TypeORM's tables in the DataSource's schema (PostgreSQL) or database (MySQL)", () => {
    expect(names(otherToolsTables({ type: "postgres", schema: "app" }, postgres)).slice(0, 2)).to.deep.equal(["app.migrations", "app.typeorm_metadata"]);
    expect(names(otherToolsTables({ type: "postgres", schema: "public" }, postgres))[0]).to.equal("<default>.migrations");
    const mysql = { dialect: "mariadb", defaultSchema: "shop" } as const;
    expect(names(otherToolsTables({ type: "mariadb", database: "shop" }, mysql))[0]).to.equal("<default>.migrations");
    expect(names(otherToolsTables({ type: "mariadb", database: "audit" }, mysql))[0]).to.equal("audit.migrations");
  });

  it("matches Prisma's table in any schema, TypeORM's only in its own", () => {
    const tables = otherToolsTables({ type: "postgres", schema: "app" }, postgres);
    expect(isBookkeeping(tables, "other", "_prisma_migrations")).to.equal(true);
    expect(isBookkeeping(tables, "app", "migrations")).to.equal(true);
    expect(isBookkeeping(tables, null, "migrations")).to.equal(false);
    expect(isBookkeeping(retortTables({ versionTable: "v" }), null, "v_applied")).to.equal(true);
  });

  it("leaves a table an entity maps to to the entity", () => {
    const target = { dialect: "postgres", defaultSchema: "public", schemas: [], enums: [], tables: [{ schema: null, name: "migrations" }] } as never;
    expect(names(unclaimedBy(target, otherToolsTables({ type: "postgres" }, postgres)))).to.deep.equal(["<default>.typeorm_metadata", "<default>._prisma_migrations"]);
  });
});
