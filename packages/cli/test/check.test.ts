import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const USER_ENTITY = `import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ length: 100 }) name!: string;
  @Column({ type: "varchar", length: 255, nullable: true, unique: true }) email!: string | null;
  @Column({ default: true }) active!: boolean;
  @CreateDateColumn() createdAt!: Date;
}
`;

/** TypeORM's own synchronize, run in a child process like a user's app would. */
function synchronize(project: FixtureProject): void {
  project.write(
    "sync.ts",
    `import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(project.dir + "/sync.ts")})`], {
    cwd: project.dir,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`synchronize failed: ${run.stderr}`);
}

describeEachTarget("retort check", (ctx) => {
  let project: FixtureProject;
  before(function () {
    project = fixtureProject({
      "src/entities/user.ts": USER_ENTITY,
      "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
      "retort.config.ts": 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n',
    }, { typeorm: typeormFor(ctx.target.name) });
  });
  after(() => project?.remove());

  it("reports a missing table on an empty database, exit 1", () => {
    const run = runRetort(["check"], project.dir);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stdout).to.include("add table user");
  });

  it("is in sync after TypeORM's own synchronize, exit 0", () => {
    synchronize(project);
    const run = runRetort(["check"], project.dir);
    expect(run.stdout + run.stderr).to.include("No new upgrade operations detected.");
    expect(run.code).to.equal(0);
  });

  it("lists one entry per changed attribute with --json", () => {
    project.write("src/entities/user.ts", USER_ENTITY.replace("length: 100 }) name", "length: 100, nullable: true }) name").replace("@CreateDateColumn() createdAt!: Date;", "@CreateDateColumn() createdAt!: Date;\n  @Column({ type: \"integer\", default: 0 }) score!: number;"));
    const run = runRetort(["check", "--json"], project.dir);
    expect(run.code, run.stderr).to.equal(1);
    const doc = JSON.parse(run.stdout) as { upToDate: boolean; dialect: string; operations: { kind: string; table: string; column: string | null }[] };
    expect(doc.upToDate).to.equal(false);
    expect(doc.dialect).to.be.oneOf(["postgres", "mariadb", "mysql", "sqlite"]);
    const kinds = doc.operations.map((o) => `${o.kind} ${o.table}.${o.column}`).sort();
    expect(kinds).to.deep.equal(["add_column user.score", "modify_nullable user.name"]);
  });
});

describe("retort check errors", () => {
  it("names an unreachable host and exits 2 without a stack trace", () => {
    const project = fixtureProject({
      "src/entities/user.ts": USER_ENTITY,
      "src/data-source.ts": dataSourceModule("postgres", "postgres://app:s3cret@127.0.0.1:1/shop"),
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      const run = runRetort(["check"], project.dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("127.0.0.1:1").and.include("shop");
      expect(run.stderr).not.to.include("s3cret");
      expect(run.stderr).not.to.match(/\n\s+at /);
    } finally {
      project.remove();
    }
  });

  it("names an entity file that does not compile", () => {
    const project = fixtureProject({
      "src/entities/user.ts": "export class User { id!: number = ; }\n",
      "src/data-source.ts": dataSourceModule("sqlite", "sqlite:app.db"),
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      const run = runRetort(["check", "--json"], project.dir);
      expect(run.code).to.equal(2);
      const doc = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      expect(doc.error.message).to.include("user.ts");
      expect(run.stderr).not.to.match(/\n\s+at /);
    } finally {
      project.remove();
    }
  });

  it("explains a DataSource module that exports nothing usable", () => {
    const project = fixtureProject({
      "src/data-source.ts": "export const notADataSource = 42;\n",
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      const run = runRetort(["check"], project.dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("data-source.ts").and.include("notADataSource");
    } finally {
      project.remove();
    }
  });

  it("explains a missing config", () => {
    const project = fixtureProject({});
    try {
      const run = runRetort(["check"], project.dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("retort init");
    } finally {
      project.remove();
    }
  });
});

describe("retort check leaves alone what TypeORM does not manage", () => {
  it("ignores synchronize: false entities, typeorm_metadata and retort's version tables", () => {
    const project = fixtureProject({
      "src/entities/user.ts": USER_ENTITY,
      "src/entities/legacy.ts": `import { Column, Entity, PrimaryColumn } from "typeorm";
@Entity({ synchronize: false })
export class Legacy {
  @PrimaryColumn() code!: string;
  @Column() label!: string;
}
`,
      "src/data-source.ts": dataSourceModule("sqlite", "sqlite:app.db"),
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      expect(runRetort(["autogen", "-m", "users"], project.dir).code).to.equal(0);
      expect(runRetort(["upgrade"], project.dir).code).to.equal(0);
      // Objects a team keeps by hand beside the entities.
      const Database = require("better-sqlite3") as typeof import("better-sqlite3");
      const db = new Database(`${project.dir}/app.db`);
      db.exec(`CREATE TABLE legacy (code text PRIMARY KEY, label text NOT NULL, extra int);
               CREATE TABLE typeorm_metadata (type varchar NOT NULL, name varchar);`);
      db.close();
      const run = runRetort(["check"], project.dir);
      expect(run.stdout + run.stderr).to.include("No new upgrade operations detected.");
      expect(run.code).to.equal(0);
    } finally {
      project.remove();
    }
  });
});

describe("retort check and edited migrations", () => {
  it("warns when an applied migration file was edited since it ran", () => {
    const project = fixtureProject({
      "src/entities/user.ts": USER_ENTITY,
      "src/data-source.ts": dataSourceModule("sqlite", "sqlite:app.db"),
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      const generated = JSON.parse(runRetort(["autogen", "-m", "users", "--json"], project.dir).stdout) as { file: string };
      expect(runRetort(["upgrade"], project.dir).code).to.equal(0);
      const { appendFileSync } = require("node:fs") as typeof import("node:fs");
      appendFileSync(generated.file, "\n// edited after it was applied\n");
      const run = runRetort(["check"], project.dir);
      expect(run.code).to.equal(0);
      expect(run.stderr).to.include("was edited after it was applied");
      const json = JSON.parse(runRetort(["check", "--json"], project.dir).stdout) as { editedMigrations: { revision: string }[] };
      expect(json.editedMigrations).to.have.length(1);
    } finally {
      project.remove();
    }
  });
});
