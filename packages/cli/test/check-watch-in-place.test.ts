import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, synchronizedProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { RETORT_BIN, runRetort } from "./support/run-retort";

const USER = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
}
`;
const TEAM = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum Level { Low = "low", High = "high" }

@Entity()
export class Team {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) title!: string;
  @Column({ type: "integer", default: 0 }) size!: number;
}
`;
const POST = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "./user";
import { Level, Team } from "./team";

@Entity()
export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 200 }) body!: string;
  @ManyToOne(() => User) owner!: User;
  @ManyToOne(() => Team) team!: Team;
  @Column({ type: "simple-enum", enum: Level, default: Level.Low }) level!: Level;
}
`;

const STATUS = /retort check --watch: (in sync|differences found|error) \(/;
const FRESH = /Checking in a fresh process: /;

/** A running `retort check --watch --json -v`: its JSON documents (stdout) and its status lines (stderr). */
class Watching {
  stdout = "";
  stderr = "";
  constructor(readonly child: ChildProcess) {
    child.stdout!.on("data", (d: Buffer) => (this.stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
  }
  count(pattern: RegExp): number {
    return this.stderr.split("\n").filter((l) => pattern.test(l)).length;
  }
  /** Waits for the `n`th status line, then returns the JSON document printed since the last call. */
  async report(n: number, timeoutMs = 90_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.count(STATUS) >= n) {
        try {
          const document = JSON.parse(this.stdout) as unknown;
          this.stdout = "";
          return document;
        } catch {
          // the document is still arriving
        }
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for report ${n}; stderr:\n${this.stderr}\nstdout:\n${this.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describeEachTarget("retort check --watch, in place", (ctx) => {
  let project: FixtureProject;
  let watching: Watching | undefined;
  before(() => {
    project = synchronizedProject(ctx.target.name, ctx.db.url, { "src/entities/user.ts": USER, "src/entities/team.ts": TEAM, "src/entities/post.ts": POST });
  });
  after(() => {
    watching?.child.kill("SIGKILL");
    project?.remove();
  });

  /** What a fresh `retort check --json` prints now. */
  const freshCheck = (): unknown => JSON.parse(runRetort(["check", "--json"], project.dir).stdout);

  it("reports each save as a fresh `check --json` would, re-reading entity edits in place", async function () {
    this.timeout(300_000);
    watching = new Watching(spawn(process.execPath, [RETORT_BIN, "check", "--watch", "--json", "-v"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } }));
    expect(await watching.report(1)).to.deep.equal(freshCheck());

    const saves: [string, string][] = [
      ["src/entities/user.ts", USER.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;')], // add a column
      ["src/entities/team.ts", TEAM.replace(/\n {2}@Column\(\{ type: "integer", default: 0 \}\) size!: number;/, "")], // remove a column
      ["src/entities/post.ts", POST.replace("@ManyToOne(() => Team) team!: Team;", "@ManyToOne(() => User) team!: User;")], // another relation target
      ["src/entities/user.ts", USER.replace("@Entity()", "@Entity(")], // a syntax error
      ["src/entities/user.ts", USER], // fixed
      ["src/entities/team.ts", TEAM], // the column back
      ["src/entities/team.ts", TEAM.replace('High = "high"', 'High = "high", Top = "top"')], // an enum Post copied when it ran
    ];
    for (const [i, [file, text]] of saves.entries()) {
      project.write(file, text);
      const reported = await watching.report(i + 2);
      expect(reported, `after save ${i + 1} (${file})`).to.deep.equal(freshCheck());
    }
    // The worker keeps the catalog it read while the engine shows no change: a change made behind its back is seen at the next save, and the one after.
    const q = ctx.target.family === "mysql" ? "`" : '"';
    const db = await connect(ctx.db.url);
    try {
      await db.query(`ALTER TABLE ${q}user${q} ADD COLUMN ${q}extra${q} integer NULL`);
      // The server drops the worker's kept connection too: the next check connects again, in place.
      if (ctx.target.family === "postgres") await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      if (ctx.target.family === "mysql") {
        const others = await db.query<{ id: number }>("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()");
        for (const { id } of others) await db.query(`KILL ${Number(id)}`).catch(() => undefined);
      }
    } finally {
      await db.close();
    }
    for (const n of [saves.length + 2, saves.length + 3]) {
      project.write("src/entities/user.ts", USER);
      const reported = await watching.report(n);
      expect(reported, `after the database changed, save ${n - 1}`).to.deep.equal(freshCheck());
      expect(JSON.stringify(reported), `after the database changed, save ${n - 1}`).to.include("extra");
    }
    // Only the syntax error and the enum needed a fresh process (the fix comes after a failed check: a fresh one too, by design).
    expect(watching.count(FRESH), watching.stderr).to.equal(2);
    expect(watching.stderr).to.match(/Checking in a fresh process: .*user\.ts does not load/);
    expect(watching.stderr).to.match(/Checking in a fresh process: .*team\.ts changed its export Level/);
    // The saves checked in place built only the entity saved (the model compared above is the one a fresh check builds).
    expect(watching.count(/The entities: built 1 of 3 entities again\./), watching.stderr).to.equal(6);

    watching.child.kill("SIGINT");
    await new Promise((done) => watching!.child.once("exit", done));
    watching = undefined;
  });

  it("with a DataSource that lists its entity classes, re-reads them in place", async function () {
    this.timeout(300_000);
    const listing = synchronizedProject(ctx.target.name, ctx.db.url, { "src/entities/user.ts": USER, "src/entities/team.ts": TEAM, "src/entities/post.ts": POST });
    const source = readFileSync(join(listing.dir, "src/data-source.ts"), "utf8");
    listing.write(
      "src/data-source.ts",
      source
        .replace('import { join } from "path";', 'import { User } from "./entities/user";\nimport { Team } from "./entities/team";\nimport { Post } from "./entities/post";')
        .replace('entities: [join(__dirname, "entities", "*.ts")],', "entities: [User, Team, Post],"),
    );
    const fresh = (): unknown => JSON.parse(runRetort(["check", "--json"], listing.dir).stdout);
    try {
      watching = new Watching(spawn(process.execPath, [RETORT_BIN, "check", "--watch", "--json", "-v"], { cwd: listing.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } }));
      expect(await watching.report(1)).to.deep.equal(fresh());
      const saves: [string, string][] = [
        ["src/entities/user.ts", USER.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;')],
        ["src/entities/post.ts", POST.replace("length: 200", "length: 250")],
        ["src/entities/user.ts", USER],
      ];
      for (const [i, [file, text]] of saves.entries()) {
        listing.write(file, text);
        expect(await watching.report(i + 2), `after save ${i + 1} (${file})`).to.deep.equal(fresh());
      }
      expect(watching.count(FRESH), watching.stderr).to.equal(0);
      expect(watching.count(/The entities: built 1 of 3 entities again\./), watching.stderr).to.equal(3);
      watching.child.kill("SIGINT");
      await new Promise((done) => watching!.child.once("exit", done));
      watching = undefined;
    } finally {
      listing.remove();
    }
  });

  it("with the config's `entities`, re-reads a subclass in place and its base class in a fresh process", async function () {
    this.timeout(300_000);
    const base = `import { Column, PrimaryGeneratedColumn } from "typeorm";\n\nexport abstract class Base {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column({ length: 40 }) createdBy!: string;\n}\n`;
    const child = `import { Column, Entity } from "typeorm";\nimport { Base } from "./base";\n\n@Entity()\nexport class Child extends Base {\n  @Column({ length: 60 }) label!: string;\n}\n`;
    const other = fixtureProject(
      { "src/model/base.ts": base, "src/model/child.ts": child, "retort.config.ts": 'export default { entities: ["src/model/*.ts"] };\n' },
      { typeorm: typeormFor(ctx.target.name) },
    );
    const env = { ...process.env, NO_COLOR: "1", DATABASE_URL: ctx.db.url };
    const fresh = (): unknown => JSON.parse(runRetort(["check", "--json"], other.dir, { DATABASE_URL: ctx.db.url }).stdout);
    try {
      watching = new Watching(spawn(process.execPath, [RETORT_BIN, "check", "--watch", "--json", "-v"], { cwd: other.dir, env }));
      expect(await watching.report(1)).to.deep.equal(fresh());
      const saves: [string, string][] = [
        ["src/model/child.ts", child.replace("label!: string;", 'label!: string;\n  @Column({ type: "integer", default: 1 }) rank!: number;')],
        ["src/model/base.ts", base.replace("createdBy!: string;", 'createdBy!: string;\n  @Column({ type: "integer", default: 0 }) version!: number;')],
        ["src/model/child.ts", child],
      ];
      for (const [i, [file, text]] of saves.entries()) {
        other.write(file, text);
        expect(await watching.report(i + 2), `after save ${i + 1} (${file})`).to.deep.equal(fresh());
      }
      expect(watching.count(FRESH), watching.stderr).to.equal(1);
      expect(watching.stderr).to.match(/Checking in a fresh process: an old class is still referred to/);
      watching.child.kill("SIGINT");
      await new Promise((done) => watching!.child.once("exit", done));
      watching = undefined;
    } finally {
      other.remove();
    }
  });
});
