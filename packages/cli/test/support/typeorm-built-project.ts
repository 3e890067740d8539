import { spawnSync } from "node:child_process";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./fixture-project";

/**
 * A project as TypeORM users have it before they meet retort: entities, a DataSource
 * (optionally with TypeORM migrations), and a database built by TypeORM itself.
 */
export const ADOPTION_ENTITIES = {
  "src/entities/user.ts": `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ length: 100 }) name!: string;
  @Column({ type: "varchar", length: 255, nullable: true, unique: true }) email!: string | null;
  @Column({ default: true }) active!: boolean;
}
`,
  "src/entities/post.ts": `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "./user";

@Entity()
export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 200 }) title!: string;
  @ManyToOne(() => User, { onDelete: "CASCADE" }) author!: User;
}
`,
};

/**
 * TypeORM work run in a child process, as the user's own scripts would: `generate` writes
 * a migration class the way `typeorm migration:generate` does (TypeORM's schema builder
 * log, for this database), `migrate` runs the DataSource's migrations
 * (`dataSource.runMigrations()`, what `migration:run` calls), `synchronize` synchronizes;
 * `migrate` and `synchronize` then insert two users and a post.
 */
const TASKS = `import ds from "./src/data-source";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";

async function generate(): Promise<void> {
  const log = await ds.driver.createSchemaBuilder().log();
  const call = (q: { query: string; parameters?: unknown[] }) =>
    \`    await queryRunner.query(\${JSON.stringify(q.query)}\${q.parameters?.length ? \`, \${JSON.stringify(q.parameters)}\` : ""});\`;
  mkdirSync(join(__dirname, "src", "migration"), { recursive: true });
  writeFileSync(join(__dirname, "src", "migration", "1700000000000-Init.ts"), [
    'import { MigrationInterface, QueryRunner } from "typeorm";',
    "",
    "export class Init1700000000000 implements MigrationInterface {",
    '  name = "Init1700000000000";',
    "  public async up(queryRunner: QueryRunner): Promise<void> {",
    ...log.upQueries.map(call),
    "  }",
    "  public async down(queryRunner: QueryRunner): Promise<void> {",
    ...log.downQueries.map(call),
    "  }",
    "}",
    "",
  ].join("\\n"));
}

async function insertRows(): Promise<void> {
  const users = ds.getRepository("User");
  const ada = await users.save({ name: "ada", email: "ada@example.com", active: true });
  await users.save({ name: "bob", email: null, active: false });
  await ds.getRepository("Post").save({ title: "hello", author: { id: ada.id } });
}

async function main(task: string): Promise<void> {
  await ds.initialize();
  try {
    if (task === "generate") await generate();
    if (task === "migrate") {
      const ran = await ds.runMigrations();
      if (ran.length !== 1) throw new Error("expected one TypeORM migration to run, got " + ran.length);
      await insertRows();
    }
    if (task === "synchronize") {
      await ds.synchronize();
      await insertRows();
    }
  } finally {
    await ds.destroy();
  }
}

main(process.env.TYPEORM_TASK ?? "").catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

/** Runs one TYPEORM_TASK of the project's tasks.ts through retort's loader (TypeScript with decorators). */
export function runTypeormTask(project: FixtureProject, task: "generate" | "migrate" | "synchronize"): void {
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(`${project.dir}/tasks.ts`)})`], {
    cwd: project.dir,
    env: { ...process.env, TYPEORM_TASK: task },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`TypeORM ${task} failed: ${run.stderr}${run.stdout}`);
}

/**
 * The project on `url`: TypeORM 0.3 for the sqlite3 target, 1.x otherwise, as users pair
 * them. `dataSourceOptions` are added to the DataSource (e.g. its `migrations` option).
 */
export function typeormBuiltProject(targetName: string, url: string, dataSourceOptions: string): FixtureProject {
  const dataSource = dataSourceModule(targetName, url).replace(
    'entities: [join(__dirname, "entities", "*.ts")],',
    `entities: [join(__dirname, "entities", "*.ts")],\n  ${dataSourceOptions}`,
  );
  return fixtureProject({ ...ADOPTION_ENTITIES, "src/data-source.ts": dataSource, "tasks.ts": TASKS }, { typeorm: typeormFor(targetName) });
}
