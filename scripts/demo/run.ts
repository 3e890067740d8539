import { resolve } from "node:path";
import { copyExample, editFile, migrationFiles, removeProject } from "./demo-project";
import { app, heading, retort, showEdit, showFile, StepFailed } from "./step";

/** The entity change of the demo's second migration: a new column and a longer one. */
const USER_FILE = "src/entities/user.ts";
const LONGER_NAME = ['  @Column({ type: "varchar", length: 100 })\n  name!: string;', '  @Column({ type: "varchar", length: 200 })\n  name!: string;'] as const;
const NEW_COLUMN = ["  @OneToMany(", '  @Column({ type: "text", nullable: true })\n  bio?: string;\n\n  @OneToMany('] as const;

/** `retort autogen -m <message>`, then the file it wrote. */
function autogen(dir: string, message: string): void {
  const before = new Set(migrationFiles(dir));
  retort(["autogen", "-m", message], dir);
  const written = migrationFiles(dir).filter((f) => !before.has(f));
  if (written.length !== 1) throw new StepFailed(`autogen should have written one migration file, found ${written.length}.`);
  showFile(dir, written[0]);
}

/** Runs the whole cycle in `dir`; throws StepFailed at the first step that does not go as it should. */
function cycle(dir: string): void {
  heading("1. init: retort.config.ts and an empty migrations/ folder");
  retort(["init"], dir);
  showFile(dir, "retort.config.ts");

  heading("2. autogen: compare the entities with the (empty) database, write the first migration");
  autogen(dir, "initial schema");

  heading("3. upgrade: apply it, then let the app write a post");
  retort(["upgrade"], dir);
  app(dir);

  heading(`4. change an entity (${USER_FILE}): name becomes varchar(200), a new bio column`);
  for (const [before, after] of [LONGER_NAME, NEW_COLUMN]) {
    editFile(dir, USER_FILE, before, after);
    showEdit(before, after);
  }
  retort(["check"], dir, 1);

  heading("5. autogen: the second migration (SQLite cannot alter a column's type: a batch rebuild)");
  autogen(dir, "user bio, longer names");

  heading("6. upgrade, then check: in sync, and the app's first post survived the rebuild");
  retort(["upgrade"], dir);
  retort(["check"], dir);
  app(dir);
  retort(["history"], dir);
}

/**
 * `npm run demo`: the whole retort cycle on a copy of examples/blog and an embedded
 * SQLite file, with no server: init, autogen, upgrade, change an entity, autogen,
 * upgrade, check. Exits 1 when a step fails. `--keep` keeps the temporary project;
 * `--example <dir>` runs on another copy of the example (the tests break one on purpose).
 */
function main(): void {
  const args = process.argv.slice(2);
  const example = args.includes("--example") ? resolve(args[args.indexOf("--example") + 1] ?? ".") : undefined;
  const dir = copyExample(example);
  const keep = args.includes("--keep");
  console.log(`retort demo in ${dir} (a copy of examples/blog, SQLite file blog.sqlite)`);
  try {
    cycle(dir);
  } catch (e) {
    console.error(`\nDemo failed: ${(e as Error).message}${e instanceof StepFailed ? "" : `\n${(e as Error).stack ?? ""}`}`);
    console.error(`The project is kept in ${dir} for a look.`);
    process.exitCode = 1;
    return;
  }
  console.log(`\nDone: the whole cycle ran on SQLite.${keep ? ` The project is in ${dir}.` : ""}`);
  if (!keep) removeProject(dir);
}

main();
