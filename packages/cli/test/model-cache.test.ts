import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/** Each entity module notes its loading in loads.log: a cached check must note nothing. */
const noteLoad = (name: string) => `require("fs").appendFileSync(require("path").join(__dirname, "..", "..", "loads.log"), "${name}\\n");\n`;

const USER_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { NAME_LENGTH } from "../lengths";
${noteLoad("user")}
@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: NAME_LENGTH }) name!: string;
}
`;

const CONFIG = 'export default { dataSource: "./src/data-source.ts" };\n';

describeEachTarget("the entity model cache (retort check)", (ctx) => {
  let project: FixtureProject;
  const cacheDir = () => join(project.dir, "retort-cache");
  const env = () => ({ RETORT_CACHE: "", RETORT_COMPILE_CACHE: "", RETORT_CACHE_DIR: cacheDir() });
  /** Runs check; returns its output and how many entity modules it loaded. */
  const check = (extraEnv: NodeJS.ProcessEnv = {}) => {
    writeFileSync(join(project.dir, "loads.log"), "");
    const run = runRetort(["check", "--json"], project.dir, { ...env(), ...extraEnv });
    expect(run.code, run.stderr).to.be.oneOf([0, 1]);
    return { json: JSON.parse(run.stdout) as { upToDate: boolean; operations: { kind: string; table: string; column: string | null }[] }, loads: readFileSync(join(project.dir, "loads.log"), "utf8").split("\n").filter(Boolean).length };
  };
  const kinds = (json: ReturnType<typeof check>["json"]) => json.operations.map((o) => `${o.kind} ${o.table}${o.column ? `.${o.column}` : ""}`).sort();

  before(function () {
    project = fixtureProject(
      {
        "src/entities/user.ts": USER_ENTITY,
        "src/lengths.ts": "export const NAME_LENGTH = 100;\n",
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
        "retort.config.ts": CONFIG,
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    // TypeORM's own synchronize, in a child process like a user's app.
    project.write("sync.ts", `import ds from "./src/data-source";\nds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });\n`);
    const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(join(project.dir, "sync.ts"))})`], { cwd: project.dir, encoding: "utf8", env: { ...process.env, RETORT_CACHE: "0" } });
    if (run.status !== 0) throw new Error(`synchronize failed: ${run.stderr}`);
  });
  after(() => project?.remove());

  it("loads no entity file while nothing changed, with the same result as without the cache", () => {
    const uncached = check({ RETORT_CACHE: "0" });
    expect(uncached.loads).to.be.greaterThan(0);
    expect(uncached.json.upToDate).to.equal(true);
    const first = check();
    expect(first.loads).to.be.greaterThan(0);
    const second = check();
    expect(second.loads).to.equal(0);
    expect(second.json).to.deep.equal(uncached.json);
    expect(readdirSync(cacheDir()).some((f) => /^model-.*\.json$/.test(f))).to.equal(true);
  });

  it("stays off with RETORT_CACHE=0", () => {
    check();
    expect(check({ RETORT_CACHE: "0" }).loads).to.be.greaterThan(0);
  });

  it("reloads after an edit to an entity, and finds the added column", () => {
    check();
    project.write("src/entities/user.ts", USER_ENTITY.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;'));
    const edited = check();
    expect(edited.loads).to.be.greaterThan(0);
    expect(kinds(edited.json)).to.deep.equal(["add_column user.score"]);
    expect(check({ RETORT_CACHE: "0" }).json).to.deep.equal(edited.json);
    project.write("src/entities/user.ts", USER_ENTITY);
    expect(check().json.upToDate).to.equal(true);
    expect(check().loads).to.equal(0);
  });

  it("points at the entity's file and line from the cache, loading no entity file, as a check without the cache does", () => {
    check();
    project.write("src/entities/user.ts", USER_ENTITY.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;'));
    const text = (extraEnv: NodeJS.ProcessEnv = {}) => {
      writeFileSync(join(project.dir, "loads.log"), "");
      const run = runRetort(["check"], project.dir, { ...env(), ...extraEnv });
      expect(run.code, run.stderr).to.equal(1);
      return { stdout: run.stdout, loads: readFileSync(join(project.dir, "loads.log"), "utf8").split("\n").filter(Boolean).length };
    };
    try {
      const uncached = text({ RETORT_CACHE: "0" });
      expect(uncached.stdout).to.contain(`${join("src", "entities", "user.ts")}:9: + add column user.score`);
      const miss = text();
      expect(miss.loads, "the check that builds the model loads the entities once, for the model and the locations").to.equal(1);
      const hit = text();
      expect(hit.loads).to.equal(0);
      expect([miss.stdout, hit.stdout]).to.deep.equal([uncached.stdout, uncached.stdout]);
    } finally {
      project.write("src/entities/user.ts", USER_ENTITY);
    }
    expect(check().json.upToDate).to.equal(true);
  });

  it("reloads after an edit to a file an entity imports", () => {
    check();
    project.write("src/lengths.ts", "export const NAME_LENGTH = 120;\n");
    const edited = check();
    expect(edited.loads).to.be.greaterThan(0);
    // SQLite keeps the declared length; both sides agree on the change everywhere.
    expect(kinds(edited.json)).to.deep.equal(["modify_type user.name"]);
    project.write("src/lengths.ts", "export const NAME_LENGTH = 100;\n");
    expect(check().json.upToDate).to.equal(true);
  });

  it("reloads when an environment variable the entities read changes", () => {
    project.write("src/lengths.ts", "export const NAME_LENGTH = Number(process.env.RETORT_TEST_NAME_LENGTH ?? 100);\n");
    expect(check().json.upToDate).to.equal(true);
    const longer = check({ RETORT_TEST_NAME_LENGTH: "120" });
    expect(longer.loads).to.be.greaterThan(0);
    expect(kinds(longer.json)).to.deep.equal(["modify_type user.name"]);
    const again = check({ RETORT_TEST_NAME_LENGTH: "120" });
    expect(again.loads).to.equal(0);
    expect(again.json).to.deep.equal(longer.json);
    expect(check().json.upToDate).to.equal(true);
    project.write("src/lengths.ts", "export const NAME_LENGTH = 100;\n");
  });

  it("reloads when a new entity file matches the DataSource's glob", () => {
    check();
    project.write("src/entities/tag.ts", `import { Entity, PrimaryGeneratedColumn } from "typeorm";\n${noteLoad("tag")}@Entity()\nexport class Tag {\n  @PrimaryGeneratedColumn() id!: number;\n}\n`);
    const added = check();
    expect(added.loads).to.be.greaterThan(0);
    expect(kinds(added.json)).to.deep.equal(["add_table tag"]);
    project.write("src/entities/tag.ts", "export {};\n");
    expect(check().json.upToDate).to.equal(true);
  });

  it("reloads after an edit to the config and to the DataSource file", () => {
    check();
    project.write("retort.config.ts", `${CONFIG}// edited\n`);
    expect(check().loads).to.be.greaterThan(0);
    expect(check().loads).to.equal(0);
    project.write("src/data-source.ts", `${dataSourceModule(ctx.target.name, ctx.db.url)}// edited\n`);
    const edited = check();
    expect(edited.loads).to.be.greaterThan(0);
    expect(edited.json.upToDate).to.equal(true);
    expect(check().loads).to.equal(0);
  });

  it("trusts an unchanged size and mtime of an older file, and still sees a same-size edit and a touch for what they are", () => {
    const lengths = join(project.dir, "src/lengths.ts");
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lengths, hourAgo, hourAgo);
    // A fresh entry: written now, it keeps that file's size and mtime.
    for (const name of readdirSync(cacheDir()).filter((f) => /^model-.*\.json$/.test(f))) rmSync(join(cacheDir(), name));
    expect(check().loads).to.be.greaterThan(0);
    expect(check().loads).to.equal(0);
    // Touched, the same content: hashed, still the same model.
    const now = new Date();
    utimesSync(lengths, now, now);
    expect(check().loads).to.equal(0);
    // The same size, another content.
    project.write("src/lengths.ts", "export const NAME_LENGTH = 120;\n");
    const edited = check();
    expect(edited.loads).to.be.greaterThan(0);
    expect(kinds(edited.json)).to.deep.equal(["modify_type user.name"]);
    project.write("src/lengths.ts", "export const NAME_LENGTH = 100;\n");
    expect(check().json.upToDate).to.equal(true);
  });

  it("rebuilds a corrupted entry silently", () => {
    const before = check();
    for (const name of readdirSync(cacheDir()).filter((f) => /^model-.*\.json$/.test(f))) {
      const file = join(cacheDir(), name);
      const text = readFileSync(file, "utf8");
      // One letter or digit near the end changed: the entry still parses, its checksum no longer matches.
      writeFileSync(file, text.slice(0, text.length - 40) + text.slice(text.length - 40).replace(/[a-z0-9]/, (c) => (c === "a" ? "b" : "a")));
    }
    const rebuilt = check();
    expect(rebuilt.loads).to.be.greaterThan(0);
    expect(rebuilt.json).to.deep.equal(before.json);
    expect(check().loads).to.equal(0);
    expect(existsSync(cacheDir())).to.equal(true);
  });

  it("rebuilds silently an entry whose header (the inputs, read before the model) is damaged", () => {
    const before = check();
    for (const name of readdirSync(cacheDir()).filter((f) => /^model-.*\.json$/.test(f))) {
      const file = join(cacheDir(), name);
      const text = readFileSync(file, "utf8");
      const headerStart = text.indexOf("\n") + 1;
      expect(text.slice(headerStart, headerStart + 10)).to.equal('{"format":');
      writeFileSync(file, text.slice(0, headerStart) + text.slice(headerStart).replace('"format":', '"format" :'));
    }
    const rebuilt = check();
    expect(rebuilt.loads).to.be.greaterThan(0);
    expect(rebuilt.json).to.deep.equal(before.json);
    expect(check().loads).to.equal(0);
  });
});
