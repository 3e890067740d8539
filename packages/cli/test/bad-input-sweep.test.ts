import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureProject } from "./support/fixture-project";
import { RETORT_BIN, runRetort, type RetortRun } from "./support/run-retort";

/**
 * Issue 10 item 12: hostile and malformed input of every kind. Whatever the input, retort
 * answers as README.md's "Exit codes" promise: exit 2, one `error:` message on stderr, no
 * stack trace, no `internal_error`, and with --json one `{ "error": { code, message } }`
 * document on stdout.
 */

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
}
`;

const DATA_SOURCE = `import "reflect-metadata";
import { DataSource } from "typeorm";
import { join } from "path";

export default new DataSource({ type: "better-sqlite3", database: "app.sqlite", entities: [join(__dirname, "entities", "*.ts")] });
`;

const MIGRATION = (rev: string, down: string | null, body = "") => `import type { MigrationOperations } from "@retort/cli";

export const revision = "${rev}";
export const downRevision = ${JSON.stringify(down)};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = "m ${rev}";

export async function upgrade(op: MigrationOperations): Promise<void> {${body}}

export async function downgrade(op: MigrationOperations): Promise<void> {}
`;

const BASE: Record<string, string> = {
  "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
  "src/data-source.ts": DATA_SOURCE,
  "src/entities/user.ts": ENTITY,
  "migrations/2026_01_01_aaaa00000001_first.ts": MIGRATION("aaaa00000001", null),
};

interface Case {
  readonly title: string;
  readonly args: readonly string[];
  /** Files over the base project (a `null` removes one). */
  readonly files?: Readonly<Record<string, string | Buffer | null>>;
  readonly env?: NodeJS.ProcessEnv;
  /** Run in an empty folder outside any project. */
  readonly outsideProject?: boolean;
  /** A word the message must hold (what / where). */
  readonly says?: RegExp;
}

const NO_MIGRATION = { "migrations/2026_01_01_aaaa00000001_first.ts": null };

const NON_UTF8 = Buffer.from([0xff, 0xfe, 0x00, 0x9f, 0x80, 0xc3, 0x28, 0x0a]);

const CASES: readonly Case[] = [
  // Flags and commands.
  { title: "an unknown command", args: ["chek"], says: /did you mean `retort check`/i },
  { title: "an unknown option", args: ["check", "--jsn"], says: /did you mean --json/i },
  { title: "-m without a value", args: ["autogen", "-m"], says: /-m\/--message needs a value/ },
  { title: "-m followed by a flag", args: ["autogen", "-m", "--json"], says: /needs a value/ },
  { title: "autogen without a message", args: ["autogen"], says: /needs a message/ },
  { title: "a lone unknown flag", args: ["--bogus"], says: /no command/i },
  { title: "two upgrade targets", args: ["upgrade", "a", "b"], says: /one target/ },
  { title: "downgrade without a target", args: ["downgrade"], says: /needs a target/ },
  { title: "show without a revision", args: ["show"], says: /one revision/ },
  { title: "--rev without a value", args: ["history", "-r"], says: /needs a value/ },
  { title: "--url without a value", args: ["check", "--url"], says: /--url needs a value/ },
  { title: "-c without a value", args: ["check", "-c"], says: /needs a value/ },
  { title: "a boolean flag given a value", args: ["check", "--json=yes"], says: /takes no value/ },
  { title: "help on an unknown command", args: ["help", "upgarde"], says: /did you mean `retort upgrade`/i },
  { title: "merge without revisions", args: ["merge", "-m", "join"] },
  { title: "stamp without a target", args: ["stamp"] },
  // Unknown and malformed revisions.
  { title: "upgrade to an unknown revision", args: ["upgrade", "nosuch1234"], says: /nosuch1234/ },
  { title: "downgrade to an unknown revision", args: ["downgrade", "zzzz1234"], says: /zzzz1234/ },
  { title: "show an unknown revision", args: ["show", "nosuch1234"], says: /nosuch1234/ },
  { title: "a relative target past the end", args: ["upgrade", "+7"] },
  { title: "a downgrade far below base", args: ["downgrade", "-99"] },
  { title: "an unknown revision in a history range", args: ["history", "-r", "nosuch1234:"] },
  { title: "stamp an unknown revision", args: ["stamp", "nosuch1234"] },
  { title: "a malformed range", args: ["upgrade", "--sql", "a:b:c"] },
  // URLs.
  { title: "a URL with one slash", args: ["check", "--url", "postgres:/u:pw@host/db"], says: /malformed/ },
  { title: "a URL without a scheme", args: ["check", "--url", "just-a-word"], says: /no scheme/ },
  { title: "an unknown scheme", args: ["check", "--url", "oracle://h/db"], says: /oracle/ },
  { title: "a port out of range", args: ["check", "--url", "postgres://h:99999/db"], says: /malformed/ },
  { title: "a bracketed host left open", args: ["check", "--url", "mysql://[::1/db"], says: /malformed/ },
  { title: "a bad percent-encoding", args: ["check", "--url", "postgres://u:%zz@h/db"], says: /percent/ },
  { title: "a bad connect_timeout", args: ["check", "--url", "postgres://h/db?connect_timeout=soon"], says: /connect_timeout/ },
  { title: "an unknown SQLite driver", args: ["check", "--url", "sqlite:x.db?driver=duckdb"], says: /duckdb/ },
  { title: "a refused connection", args: ["upgrade", "--url", "postgres://u@127.0.0.1:1/db"], says: /refused/ },
  { title: "a SQLite URL naming a file that is no database", args: ["check", "--url", "sqlite:./src/data-source.ts"], says: /not a SQLite database/ },
  { title: "a SQLite URL naming a folder", args: ["check", "--url", "sqlite:./src"], says: /cannot be opened/ },
  { title: "a SQLite file in a missing folder", args: ["upgrade", "--url", "sqlite:/nonexistent-retort-dir/x.db"], says: /nonexistent-retort-dir/ },
  { title: "a malformed DATABASE_URL", args: ["current"], env: { DATABASE_URL: "mysql:/root@h/db" }, says: /malformed/ },
  // Config files and values.
  { title: "a missing --config file", args: ["check", "-c", "missing.config.ts"], says: /missing\.config\.ts/ },
  { title: "no config anywhere", args: ["check"], outsideProject: true, says: /retort init/ },
  { title: "a config with a syntax error", args: ["check"], files: { "retort.config.ts": "export default { dataSource: ;\n" }, says: /retort\.config\.ts/ },
  { title: "a config exporting a number", args: ["check"], files: { "retort.config.ts": "export default 42;\n" }, says: /must export an object/ },
  { title: "a config with an unknown key", args: ["check"], files: { "retort.config.ts": 'export default { dataSource: "./src/data-source.ts", migration: "./m" };\n' }, says: /unknown key/ },
  { title: "a config whose url is a number", args: ["check"], files: { "retort.config.ts": 'export default { dataSource: "./src/data-source.ts", url: 5 };\n' }, says: /"url" must be a database URL/ },
  ...(
    [
      ["includeObject", "5"],
      ["includeName", "1"],
      ["entities", "5"],
      ["migrations", '""'],
      ["versionTable", '""'],
      ["compareType", '"yes"'],
      ["transactionPerMigration", '"no"'],
      ["postWrite", "5"],
      ["rewriter", "5"],
    ] as const
  ).map(([key, value]): Case => ({
    title: `a config whose ${key} is ${value}`,
    args: ["check"],
    files: { "retort.config.ts": `export default { ${key === "entities" ? 'url: "sqlite:app.sqlite"' : 'dataSource: "./src/data-source.ts"'}, ${key}: ${value} };\n` },
    says: new RegExp(`"${key}" must be`),
  })),
  { title: "a JSON config that is not JSON", args: ["check"], files: { "retort.config.ts": null, "retort.config.json": "{ dataSource: " }, says: /not valid JSON/ },
  { title: "a config that throws", args: ["check"], files: { "retort.config.ts": 'throw new Error("config exploded");\n' }, says: /config exploded/ },
  { title: "a non-UTF-8 config", args: ["check"], files: { "retort.config.ts": NON_UTF8 } },
  { title: "a non-UTF-8 JSON config", args: ["check"], files: { "retort.config.ts": null, "retort.config.json": NON_UTF8 } },
  { title: "a config naming a missing DataSource", args: ["check"], files: { "retort.config.ts": 'export default { dataSource: "./src/nope.ts" };\n' }, says: /nope/ },
  { title: "a DataSource module that throws", args: ["check"], files: { "src/data-source.ts": 'throw new Error("no env var DB_HOST");\n' }, says: /DB_HOST/ },
  { title: "a DataSource module exporting nothing", args: ["check"], files: { "src/data-source.ts": "export const x = 1;\n" } },
  { title: "a DataSource of an unsupported type", args: ["check"], files: { "src/data-source.ts": DATA_SOURCE.replace('"better-sqlite3"', '"oracle"') }, says: /oracle/ },
  { title: "entity globs that match nothing", args: ["check"], files: { "retort.config.ts": 'export default { entities: ["./nowhere/*.ts"], url: "sqlite:app.sqlite" };\n' }, says: /nowhere/ },
  { title: "entities without any URL", args: ["check"], files: { "retort.config.ts": 'export default { entities: ["./src/entities/*.ts"] };\n' }, says: /--url/ },
  { title: "a migrations path that is a file", args: ["upgrade"], files: { "retort.config.ts": 'export default { dataSource: "./src/data-source.ts", migrations: "./retort.config.ts" };\n' } },
  { title: "a negative lockTimeout", args: ["upgrade"], files: { "retort.config.ts": 'export default { dataSource: "./src/data-source.ts", lockTimeout: -1 };\n' }, says: /lockTimeout/ },
  // Entities (no migrations: the database is at head, so the entities are compared).
  { title: "an entity with a syntax error", args: ["check"], files: { ...NO_MIGRATION, "src/entities/user.ts": "export class User {\n" }, says: /user\.ts/ },
  { title: "an entity importing a missing module", args: ["check"], files: { ...NO_MIGRATION, "src/entities/post.ts": 'import { x } from "./nowhere";\nexport const y = x;\n' }, says: /nowhere/ },
  { title: "a stray rejected promise in an entity file (item 9)", args: ["check"], files: { "src/entities/post.ts": 'Promise.reject(new Error("stray"));\nexport {};\n' }, says: /stray/ },
  { title: "an exception thrown later by an entity file", args: ["check"], files: { "src/entities/post.ts": 'setTimeout(() => { throw new Error("late boom"); }, 0);\nexport {};\n' }, says: /late boom/ },
  { title: "a non-UTF-8 entity file", args: ["check"], files: { "src/entities/post.ts": NON_UTF8 } },
  // Odd places.
  { title: "init over an existing file", args: ["init", "src/data-source.ts"], says: /src\/data-source\.ts/ },
  // Migration files.
  { title: "a migration with a syntax error", args: ["upgrade"], files: { "migrations/2026_01_02_bbbb00000001_x.ts": "export const revision = ;\n" }, says: /bbbb00000001/ },
  { title: "a migration without a revision", args: ["history"], files: { "migrations/2026_01_02_bbbb00000001_x.ts": "export const message = 'x';\n" }, says: /revision/ },
  { title: "a binary garbage migration", args: ["heads"], files: { "migrations/2026_01_02_garbage.ts": NON_UTF8 } },
  { title: "two migrations with one revision id", args: ["heads"], files: { "migrations/2026_01_02_dup.ts": MIGRATION("aaaa00000001", null) }, says: /aaaa00000001/ },
  { title: "a migration whose parent does not exist", args: ["history"], files: { "migrations/2026_01_02_orphan.ts": MIGRATION("bbbb00000001", "cccc99999999") }, says: /cccc99999999/ },
  { title: "a migration that throws when loaded", args: ["upgrade"], files: { "migrations/2026_01_02_boom.ts": 'throw new Error("migration module exploded");\n' }, says: /exploded/ },
  { title: "a migration whose upgrade fails", args: ["upgrade"], files: { "migrations/2026_01_02_bbbb00000001_x.ts": MIGRATION("bbbb00000001", "aaaa00000001", 'await op.execute("THIS IS NOT SQL");') }, says: /bbbb00000001/ },
];

function expectOneCleanError(run: RetortRun, says?: RegExp): void {
  const shown = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  expect(run.code, shown).to.equal(2);
  const errorLines = run.stderr.split("\n").filter((l) => l.startsWith("error:"));
  expect(errorLines, shown).to.have.length(1);
  expect(run.stderr, shown).not.to.match(/\n\s+at /); // no stack trace
  expect(run.stderr, shown).not.to.match(/Unexpected error|please report it|internal_error/);
  if (says) expect(errorLines[0], shown).to.match(says);
}

function expectJsonError(run: RetortRun): void {
  const shown = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  expect(run.code, shown).to.equal(2);
  const doc = JSON.parse(run.stdout) as { error?: { code?: unknown; message?: unknown } };
  expect(doc.error, shown).to.be.an("object");
  expect(doc.error!.code, shown).to.be.a("string").and.not.equal("internal_error");
  expect(doc.error!.message, shown).to.be.a("string").and.not.equal("");
}

describe("bad-input sweep: exit 2, one clear message, no stack trace, valid --json", function () {
  this.timeout(120_000);

  for (const c of CASES) {
    it(c.title, () => {
      const outside = c.outsideProject ? mkdtempSync(join(tmpdir(), "retort-nowhere-")) : undefined;
      const project = outside ? undefined : fixtureProject(BASE);
      try {
        for (const [path, content] of Object.entries<string | Buffer | null>(c.files ?? {})) {
          if (content === null) rmSync(join(project!.dir, path));
          else writeFileSync(join(project!.dir, path), content);
        }
        const cwd = outside ?? project!.dir;
        expectOneCleanError(runRetort(c.args, cwd, c.env), c.says);
        expectJsonError(runRetort([...c.args, "--json"], cwd, c.env));
      } finally {
        project?.remove();
        if (outside) rmSync(outside, { recursive: true, force: true });
      }
    });
  }
});

describe("bad-input sweep: a folder deleted under retort", () => {
  it("says the current folder is gone, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-gone-"));
    const run = spawnSync("sh", ["-c", `cd "$0" && rmdir "$0" && exec "$1" "$2" check`, dir, process.execPath, RETORT_BIN], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expectOneCleanError({ code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }, /current folder/);
  });
});
