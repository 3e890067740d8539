import "reflect-metadata";
import { connect, introspect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { buildTargetModel, entitiesDataSource } from "../src";
import { createFixtureProject } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";

/**
 * PostgreSQL keeps a jsonb literal in jsonb's own text form (`{"a": 1, "b": [1, 2]}`)
 * whatever TypeORM wrote (`'{"a":1,"b":[1,2]}'`): both must normalise to one default.
 */
describeEachTarget(
  "a jsonb object default synchronised by TypeORM",
  (ctx) => {
    it("reflects as the converted model's default", async function () {
      this.timeout(60_000);
      useMetadataStorageOf("1.x");
      const project = createFixtureProject("1.x", {
        "src/settings.ts": `
          import { Column, Entity, PrimaryColumn } from "typeorm";
          @Entity()
          export class Settings {
            @PrimaryColumn({ type: "int" }) id!: number;
            @Column({ type: "jsonb", default: { b: [1, 2], a: 1 } }) data!: object;
          }`,
      });
      try {
        const source = () => entitiesDataSource({ entities: ["src/*.ts"], url: ctx.db.url, baseDir: project.dir });
        const synced = (await source()) as unknown as { initialize(): Promise<void>; synchronize(): Promise<void>; destroy(): Promise<void> };
        await synced.initialize();
        await synced.synchronize();
        await synced.destroy();
        const db = await connect(ctx.db.url);
        const actual = await introspect(db).finally(() => db.close());
        const expected = await buildTargetModel(await source());
        const defaultOf = (m: typeof actual) => m.tables.find((t) => t.name === "settings")!.columns.find((c) => c.name === "data")!.default;
        expect(defaultOf(actual)).to.equal(defaultOf(expected));
      } finally {
        project.remove();
      }
    });
  },
  { families: ["postgres"] },
);
