import "reflect-metadata";
import { qualifiedName, withoutWrittenSpellings, type SchemaModel } from "@retort/core";
import { connect, introspect, storedViewDefinitions } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestTarget } from "@retort/testing";
import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildTargetModel } from "../src";
import { createFixtureProject } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";
import {
  caseDataSource,
  serverVersion,
  uniqueIndexesAsConstraints,
  withoutChecks,
  withoutTypeormBookkeeping,
  writeCase,
  type SyncCase,
} from "./support/sync-case";

/**
 * The decisive check: the schema TypeORM's own synchronize() creates, reflected from the
 * live database, deep-equals the model retort converts from the same entities without
 * connecting. Any difference is a spurious diff `retort check` would report.
 */
const CASES: Readonly<Record<TestTarget["name"], readonly SyncCase[]>> = {
  postgres: [
    { typeorm: "1.x", kind: "entities" },
    { typeorm: "1.x", kind: "naming-strategy" },
    { typeorm: "0.3", kind: "entities" },
  ],
  mariadb: [
    { typeorm: "1.x", kind: "entities" },
    { typeorm: "1.x", kind: "naming-strategy" },
    { typeorm: "0.3", kind: "entities" },
  ],
  sqlite: [
    { typeorm: "1.x", kind: "entities" },
    { typeorm: "1.x", kind: "naming-strategy" },
  ],
  sqlite3: [
    { typeorm: "0.3", kind: "entities" },
    { typeorm: "0.3", kind: "naming-strategy" },
  ],
};

describeEachTarget("TypeORM synchronize() vs the converted model", (ctx) => {
  for (const c of CASES[ctx.target.name]) {
    it(`TypeORM ${c.typeorm}, ${c.kind}: the reflected schema equals the converted model`, async function () {
      this.timeout(120_000);
      const db = await createTestDatabase(ctx.target);
      const project = createFixtureProject(c.typeorm);
      useMetadataStorageOf(c.typeorm);
      try {
        writeCase(project, c, ctx.target, db);
        // TypeORM's synchronize does not create the schemas entities name; users do.
        if (ctx.target.family === "postgres") await execute(db.url, "CREATE SCHEMA archive");
        const synced = await caseDataSource(project, c, ctx.target, db) as unknown as {
          initialize(): Promise<unknown>;
          synchronize(): Promise<void>;
          destroy(): Promise<void>;
        };
        await synced.initialize();
        try {
          await synced.synchronize();
        } finally {
          await synced.destroy();
        }
        const queryable = await connect(db.url);
        let actual: SchemaModel;
        let converted: SchemaModel;
        try {
          actual = withoutTypeormBookkeeping(await introspect(queryable, { includeSchemas: ctx.target.family === "postgres", ...(ctx.target.family === "postgres" ? { extensions: "all" as const } : {}) }));
          const version = await serverVersion(queryable);
          const built = await buildTargetModel(await caseDataSource(project, c, ctx.target, db), {
            defaultSchema: actual.defaultSchema,
            serverVersion: version,
          });
          // View definitions are the entity's text: compared in the engine's spelling, as check does.
          const stored = await storedViewDefinitions(queryable, built.views, actual.views);
          converted = { ...built, views: built.views.map((v) => ({ ...v, definition: stored.get(qualifiedName(v)) ?? v.definition })) };
        } finally {
          await queryable.close();
        }
        const expected = ctx.target.family === "mysql" ? uniqueIndexesAsConstraints(withoutChecks(converted)) : converted;
        dumpModels(`${ctx.target.name}-${c.typeorm}-${c.kind}`, actual, expected);
        expectSameModel(actual, expected);
      } finally {
        project.remove();
        await db.drop();
      }
    });
  }
});

/** With RETORT_DUMP_MODELS=<dir>, writes both models there: a diff tool reads them better than mocha. */
function dumpModels(name: string, actual: SchemaModel, expected: SchemaModel): void {
  const dir = process.env.RETORT_DUMP_MODELS;
  if (!dir) return;
  writeFileSync(join(dir, `${name}.actual.json`), JSON.stringify(actual, null, 2));
  writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(expected, null, 2));
}

async function execute(url: string, sql: string): Promise<void> {
  const db = await connect(url);
  try {
    await db.query(sql);
  } finally {
    await db.close();
  }
}

/**
 * Table by table first, so a failure names the table and shows a readable diff. The
 * entity's own spellings (docs/typeorm-coexistence.md) are rendered, never compared.
 */
function expectSameModel(reflected: SchemaModel, converted: SchemaModel): void {
  // A reflected MySQL table's default collation is the database's (TypeORM writes none on
  // CREATE TABLE); entities declare none (docs/synchronize-features.md, "Table charset").
  const defaults = new Set(reflected.tables.map((t) => t.defaultCollation));
  expect(defaults.size, "one default collation, the database's").to.be.at.most(1);
  const actual = withoutWrittenSpellings({ ...reflected, tables: reflected.tables.map(({ defaultCollation: _, ...t }) => t) });
  const expected = withoutWrittenSpellings(converted);
  const names = (m: SchemaModel) => m.tables.map((t) => `${t.schema ?? ""}.${t.name}`);
  expect(names(actual), "tables").to.deep.equal(names(expected));
  expected.tables.forEach((t, i) => expect(actual.tables[i], `table ${t.name}`).to.deep.equal(t));
  expect(actual.enums, "enums").to.deep.equal(expected.enums);
  expect(actual).to.deep.equal(expected);
}
