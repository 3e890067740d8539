import "reflect-metadata";
import { expect } from "chai";
import type { Queryable, SchemaModel } from "@retort/core";
import { connect, introspect, storedViewDefinitions } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestTarget } from "@retort/testing";
import { buildTargetModel, entitiesDataSource } from "@retort/typeorm";
import { compareSchemas, describeLine, describeOperations } from "../../src";
import { CASES, type CorpusCase } from "./cases";
import { createProject, useMetadataStorageOf, type TypeormVersion } from "./typeorm-project";

const HEADER = `import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Generated, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn, ViewColumn, ViewEntity } from "typeorm";\n`;

interface Synchronizable {
  initialize(): Promise<unknown>;
  synchronize(): Promise<void>;
  destroy(): Promise<void>;
}

interface TypeormSetup {
  readonly version: TypeormVersion;
  readonly type: string;
}

/**
 * The TypeORM versions users of each target have: both on the servers; on SQLite the
 * driver decides (TypeORM 1.x has only better-sqlite3, 0.3's `sqlite` drives sqlite3).
 */
function typeormsFor(target: TestTarget): readonly TypeormSetup[] {
  if (target.family === "postgres") return [{ version: "1.x", type: "postgres" }, { version: "0.3", type: "postgres" }];
  if (target.family === "mysql") return [{ version: "1.x", type: "mariadb" }, { version: "0.3", type: "mariadb" }];
  return target.sqliteDriver === "sqlite3" ? [{ version: "0.3", type: "sqlite" }] : [{ version: "1.x", type: "better-sqlite3" }];
}

async function serverVersion(db: Queryable): Promise<string | undefined> {
  if (db.dialect === "sqlite") return undefined;
  const rows = await db.query<Record<string, unknown>>(db.dialect === "postgres" ? "SHOW server_version" : "SELECT VERSION() AS v");
  return String(rows[0].v ?? rows[0].server_version);
}

/** TypeORM's bookkeeping table (for generated columns and views) is TypeORM's, not the user's schema. */
const notTypeormBookkeeping = (_o: unknown, name: string | null, type: string) => !(type === "table" && name === "typeorm_metadata");

async function syncThenCompare(target: TestTarget, { version, type }: TypeormSetup, c: CorpusCase): Promise<string[]> {
  const family = target.family;
  const db = await createTestDatabase(target);
  const project = createProject(version, { "src/entities.ts": HEADER + c.entities(family) });
  useMetadataStorageOf(version);
  try {
    const dataSource = () => entitiesDataSource({ entities: ["src/*.ts"], url: db.url, type, baseDir: project.dir });
    const setup = c.setup?.(family) ?? [];
    if (setup.length > 0) {
      const q = await connect(db.url);
      try {
        for (const sql of setup) await q.query(sql);
      } finally {
        await q.close();
      }
    }
    const synced = (await dataSource()) as unknown as Synchronizable;
    await synced.initialize();
    try {
      await synced.synchronize();
    } finally {
      await synced.destroy();
    }
    const q = await connect(db.url);
    let actual: SchemaModel;
    let model: SchemaModel;
    let stored: Map<string, string>;
    try {
      actual = await introspect(q, { includeSchemas: family === "postgres" });
      const server = await serverVersion(q);
      model = await buildTargetModel(await dataSource(), { defaultSchema: actual.defaultSchema, serverVersion: server, dialect: actual.dialect });
      // As check does: the engine spells the entities' view definitions as it stores them.
      stored = await storedViewDefinitions(q, model.views, actual.views);
    } finally {
      await q.close();
    }
    const views = c.views ?? [];
    expect(model.views.map((v) => v.name), "the entities' views").to.deep.equal(views);
    expect(actual.views.map((v) => v.name), "the synchronized database's views").to.deep.equal(views);
    if (c.id === "materialized-view-with-index") expect(actual.views[0]?.indexes.map((i) => i.name)).to.deep.equal(["order_stats_customer"]);
    const ops = compareSchemas(model, actual, { includeSchemas: true, includeObject: notTypeormBookkeeping, storedViewDefinitions: stored });
    return describeOperations(ops).map(describeLine);
  } finally {
    project.remove();
    await db.drop();
  }
}

describeEachTarget("no spurious diffs after TypeORM's synchronize (corpus)", (ctx) => {
  // The target is known when the block is declared; cases for other engines are not registered.
  for (const typeorm of typeormsFor(ctx.target)) {
    for (const c of CASES.filter((x) => x.families.includes(ctx.target.family))) {
      it(`TypeORM ${typeorm.version}: ${c.id} (${c.source})`, async function () {
        this.timeout(60_000);
        expect(await syncThenCompare(ctx.target, typeorm, c)).to.deep.equal([]);
      });
    }
  }
});
