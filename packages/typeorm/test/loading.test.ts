import { rejectionOf } from "@retort/testing";
import "reflect-metadata";
import { MissingDriverError } from "@retort/core";
import { ModuleLoadError } from "@retort/loader";
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildTargetModel,
  entitiesDataSource,
  EntityMetadataError,
  loadDataSource,
  NoDataSourceError,
  NoEntityFilesError,
  typeormOf,
  TypeormNotFoundError,
} from "../src";
import { createFixtureProject, type FixtureProject, type TypeormVersion } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";
import { rawRules } from "./support/raw-rules";

const ENTITY = `
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class Widget {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
}
`;

const dataSourceModule = (exports: string) => `
import "reflect-metadata";
import { DataSource } from "typeorm";
import { Widget } from "./widget";
const make = () => new DataSource({ type: "postgres", url: "postgres://nobody@127.0.0.1:1/x", entities: [Widget] });
${exports}
`;

for (const version of ["1.x", "0.3"] as TypeormVersion[]) {
  describe(`loading a user's DataSource (TypeORM ${version})`, () => {
    let project: FixtureProject;
    beforeEach(() => {
      useMetadataStorageOf(version);
      project = createFixtureProject(version, { "src/widget.ts": ENTITY });
    });
    afterEach(() => project.remove());

    it("takes the default export, with the project's own TypeORM", async () => {
      const file = project.write("src/ds-default.ts", dataSourceModule("export default make();\nexport const helper = 1;"));
      const ds = await loadDataSource(file);
      expect(typeormOf(ds).version).to.match(version === "1.x" ? /^1\./ : /^0\.3\./);
      const model = await buildTargetModel(ds, { rules: rawRules("postgres") });
      expect(model.tables.map((t) => t.name)).to.deep.equal(["widget"]);
    });

    it("takes the only exported DataSource, and leaves the user's object as it was", async () => {
      const ds = await loadDataSource(project.write("src/ds-named.ts", dataSourceModule("export const AppDataSource = make();")));
      await buildTargetModel(ds, { rules: rawRules("postgres") });
      expect(ds.entityMetadatas).to.have.length(0);
      expect(ds.isInitialized).to.equal(false);
    });

    it("takes a DataSource assigned to module.exports", async () => {
      const ds = await loadDataSource(project.write("src/ds-cjs.ts", dataSourceModule("module.exports = make();")));
      expect(ds.options.type).to.equal("postgres");
    });

    it("names the file and lists its exports when none is a DataSource", async () => {
      const file = project.write("src/ds-none.ts", dataSourceModule("export const options = { type: 'postgres' };\nexport function build() { return make(); }"));
      expect(await rejectionOf(loadDataSource(file))).to.be.instanceOf(NoDataSourceError)
        .with.property("message")
        .that.includes(file)
        .and.includes("options (Object)")
        .and.includes("build (function)")
        .and.includes("export default new DataSource");
    });

    it("refuses two DataSources without a default", async () => {
      const file = project.write("src/ds-two.ts", dataSourceModule("export const a = make();\nexport const b = make();"));
      expect(await rejectionOf(loadDataSource(file))).to.be.instanceOf(NoDataSourceError).and.to.have.property("message").that.matches(/2 DataSources \(a, b\)/);
    });

    it("names an entity file that does not compile", async () => {
      project.write("src/widget.ts", "export class Widget { @Column() name: string = ; }");
      const file = project.write("src/ds-broken.ts", dataSourceModule("export default make();"));
      expect(await rejectionOf(loadDataSource(file))).to.be.instanceOf(ModuleLoadError).and.to.have.property("message").that.matches(/does not compile.*widget\.ts/s);
    });

    it("reports TypeORM's refusal of an entity as an EntityMetadataError", async () => {
      project.write("src/bad.ts", `
        import { Column, Entity, PrimaryColumn } from "typeorm";
        @Entity() export class Bad { @PrimaryColumn() id!: number; @Column({ type: "no_such_type" as any }) x!: string; }`);
      const ds = await entitiesDataSource({ entities: ["src/bad.ts"], url: "postgres://nobody@127.0.0.1:1/x", baseDir: project.dir });
      let error: unknown;
      await buildTargetModel(ds, { rules: rawRules("postgres") }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(EntityMetadataError);
      expect((error as Error).message).to.match(/no_such_type.*Bad\.x.*Fix the entity/);
    });
  });

  describe(`a DataSource from entity globs and a URL (TypeORM ${version})`, () => {
    let project: FixtureProject;
    beforeEach(() => {
      useMetadataStorageOf(version);
      project = createFixtureProject(version, { "src/entity/widget.ts": ENTITY, "src/entity/nested/part.ts": ENTITY.replace(/Widget/g, "Part") });
    });
    afterEach(() => project.remove());

    it("loads every file the globs match, relative to the base folder", async () => {
      const ds = await entitiesDataSource({ entities: ["src/entity/**/*.ts"], url: "mariadb://nobody@127.0.0.1:1/shop", baseDir: project.dir });
      expect(ds.options.type).to.equal("mariadb");
      const model = await buildTargetModel(ds, { rules: rawRules("mysql") });
      expect(model.tables.map((t) => t.name)).to.deep.equal(["part", "widget"]);
      expect(model.defaultSchema).to.equal("shop");
    });

    it(`picks TypeORM ${version}'s SQLite type from a sqlite: URL`, async () => {
      const ds = await entitiesDataSource({ entities: ["src/entity/*.ts"], url: "sqlite::memory:", baseDir: project.dir });
      expect(ds.options.type).to.equal(version === "1.x" ? "better-sqlite3" : "sqlite");
    });

    it("uses the metadata of a DataSource that is already initialized", async () => {
      const source = () => entitiesDataSource({ entities: ["src/entity/**/*.ts"], url: "sqlite::memory:", baseDir: project.dir });
      const initialized = (await source()) as unknown as { initialize(): Promise<void>; destroy(): Promise<void> };
      await initialized.initialize();
      try {
        const fromInitialized = await buildTargetModel(initialized as never, { rules: rawRules("sqlite") });
        expect(fromInitialized).to.deep.equal(await buildTargetModel(await source(), { rules: rawRules("sqlite") }));
        expect(fromInitialized.tables.map((t) => t.name)).to.deep.equal(["part", "widget"]);
      } finally {
        await initialized.destroy();
      }
    });

    it("names the entity file that does not compile", async () => {
      const broken = project.write("src/entity/broken.ts", "export class Broken { name: string = ; }");
      expect(await rejectionOf(entitiesDataSource({ entities: ["src/entity/*.ts"], url: "sqlite::memory:", baseDir: project.dir })))
        .to.be.instanceOf(ModuleLoadError)
        .with.property("message")
        .that.includes(`Could not load ${broken}: it does not compile`);
    });

    it("says which globs matched nothing, and where it looked", async () => {
      expect(await rejectionOf(entitiesDataSource({ entities: ["entities/*.ts"], url: "sqlite::memory:", baseDir: project.dir })))
        .to.be.instanceOf(NoEntityFilesError)
        .with.property("message")
        .that.includes('"entities/*.ts"')
        .and.includes(project.dir);
    });
  });
}

describe("a project without TypeORM", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "retort-no-typeorm-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is told to install it, for entity globs", async () => {
    writeFileSync(join(dir, "widget.ts"), ENTITY);
    expect(await rejectionOf(entitiesDataSource({ entities: ["*.ts"], url: "sqlite::memory:", baseDir: dir })))
        .to.be.instanceOf(TypeormNotFoundError)
      .with.property("message")
      .that.includes(dir)
      .and.includes("npm install typeorm");
  });

  it("is told to install it, for a DataSource module", async () => {
    const file = join(dir, "data-source.ts");
    writeFileSync(file, 'import { DataSource } from "typeorm";\nexport default new DataSource({ type: "postgres" });\n');
    expect(await rejectionOf(loadDataSource(file))).to.be.instanceOf(TypeormNotFoundError).with.property("message").that.includes(file);
  });
});

describe("a missing database driver", () => {
  it("is a MissingDriverError naming the package", async () => {
    const project = createFixtureProject("1.x", { "src/widget.ts": ENTITY });
    try {
      useMetadataStorageOf("1.x");
      // TypeORM 1.x resolves drivers from its own folder, where no oracledb is installed.
      expect(await rejectionOf(entitiesDataSource({ entities: ["src/*.ts"], url: "sqlite::memory:", type: "oracle", baseDir: project.dir })))
        .to.be.instanceOf(MissingDriverError)
        .and.to.have.property("message").that.matches(/oracledb/);
    } finally {
      project.remove();
    }
  });
});
