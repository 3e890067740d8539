import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { dataSourceType, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

/**
 * Projects set up the usual ways, through the real binary (issue 9, "Load user code the
 * way the user's own toolchain does"): autogen → upgrade → check passes on each.
 */
function ok(run: RetortRun): RetortRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
}

/** DataSource options for a target, as an object literal. */
function connection(targetName: string, url: string): string {
  const type = JSON.stringify(dataSourceType(targetName));
  if (url.startsWith("sqlite:")) return `type: ${type}, database: ${JSON.stringify(url.replace(/^sqlite:/, "").replace(/\?.*$/, ""))}`;
  return `type: ${type}, url: ${JSON.stringify(url)}`;
}

const ROLE = `export enum Role { Admin = "admin", Member = "member" }\nexport type Status = "active" | "banned";\nexport enum Level { Low, High }\n`;

/** User ↔ Post import each other (the normal case with relations), with an imported string enum, a type alias and a numeric enum. */
const USER = (ext: string, alias: string, prefix: string) => `import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Post } from "./Post${ext}";
import { Role, Status, Level } from "${alias}";

@Entity("${prefix}_user")
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 80 }) name!: string;
  @Column({ default: Role.Member }) role!: Role;
  @Column({ default: "active" }) status!: Status;
  @Column({ default: Level.Low }) level!: Level;
  @OneToMany(() => Post, (post) => post.author) posts!: Post[];
}
`;

const POST = (ext: string, prefix: string) => `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "./User${ext}";

@Entity("${prefix}_post")
export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 120 }) title!: string;
  @ManyToOne(() => User, (user) => user.posts) author!: User;
}
`;

/** Each shape keeps its own tables and version table in the target's database. */
const CONFIG = (shape: string) =>
  `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts", versionTable: "retort_version_${shape}" });\n`;

const TSCONFIG = (module: string, resolution: string) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module,
      moduleResolution: resolution,
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      baseUrl: ".",
      paths: { "@app/*": ["./src/*"] },
    },
  });

describeEachTarget("projects set up the usual ways", (ctx) => {
  let project: FixtureProject;
  afterEach(() => project?.remove());

  /** init-less lifecycle: autogen → upgrade → check 0 → entity edit → check names the line → autogen → upgrade → check 0 → downgrade -1. */
  function lifecycle(userFile: string): void {
    const retort = (...args: string[]) => runRetort(args, project.dir);
    expect(ok(retort("autogen", "-m", "initial schema")).stdout).to.match(/Generated migrations\//);
    ok(retort("upgrade"));
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
    const source = readFileSync(join(project.dir, userFile), "utf8");
    project.write(userFile, source.replace("  @Column({ length: 80 }) name!: string;", "  @Column({ length: 80 }) name!: string;\n  @Column({ nullable: true }) nickname!: string;"));
    const drift = retort("check");
    expect(drift.code, drift.stderr).to.equal(1);
    expect(drift.stdout).to.match(new RegExp(`${userFile.replace(/\./g, "\\.")}:9: .*nickname`));
    ok(retort("autogen", "-m", "add nickname"));
    ok(retort("upgrade"));
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
    ok(retort("downgrade", "-1"));
  }

  it("ESM, NodeNext: type module, .js specifiers naming .ts, paths, top-level await, a User ↔ Post cycle, imported enums and aliases", () => {
    project = fixtureProject({
      "package.json": `{ "type": "module" }`,
      "tsconfig.json": TSCONFIG("NodeNext", "NodeNext"),
      "src/types.ts": ROLE,
      "src/entity/User.ts": USER(".js", "@app/types.js", "esm"),
      "src/entity/Post.ts": POST(".js", "esm"),
      "src/data-source.ts": `import "reflect-metadata";
import { DataSource } from "typeorm";
import { User } from "./entity/User.js";
import { Post } from "./entity/Post.js";

const settings = await Promise.resolve({ ${connection(ctx.target.name, ctx.db.url)} });
export const AppDataSource = new DataSource({ ...settings, entities: [User, Post] } as never);
`,
      "retort.config.ts": CONFIG("esm"),
    }, { typeorm: typeormFor(ctx.target.name) });
    lifecycle("src/entity/User.ts");
  });

  it("CommonJS (typeorm init layout): paths, a cycle, imported enums, a dependency that requires an ES module", () => {
    project = fixtureProject(
      {
        "tsconfig.json": TSCONFIG("commonjs", "node"),
        "src/types.ts": ROLE,
        "src/entity/User.ts": USER("", "@app/types", "cjs"),
        "src/entity/Post.ts": POST("", "cjs"),
        // get-intrinsic 1.3.1 does this: require() of an .mjs (issue 9).
        "src/vendor/intrinsic.js": `module.exports = require("./async-function.mjs").default;\n`,
        "src/vendor/async-function.mjs": `const AsyncFunction = (async function () {}).constructor;\nexport default AsyncFunction;\n`,
        "src/data-source.ts": `import "reflect-metadata";
import { DataSource } from "typeorm";
import { User } from "./entity/User";
import { Post } from "./entity/Post";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AsyncFunction = require("./vendor/intrinsic.js");
if (AsyncFunction.name !== "AsyncFunction") throw new Error("not the AsyncFunction constructor");

export const AppDataSource = new DataSource({ ${connection(ctx.target.name, ctx.db.url)}, entities: [User, Post] } as never);
`,
        "retort.config.ts": CONFIG("cjs"),
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    lifecycle("src/entity/User.ts");
  });

  it("JavaScript EntitySchema files, CommonJS and ESM, through entity globs", () => {
    const columns = (table: string) => `{ name: "${table}", columns: { id: { type: Number, primary: true, generated: true }, name: { type: String, length: 80 } } }`;
    project = fixtureProject(
      {
        "src/entity/user.js": `const { EntitySchema } = require("typeorm");\nmodule.exports.UserSchema = new EntitySchema(${columns("js_user")});\n`,
        "src/entity/post.mjs": `import typeorm from "typeorm";\nexport const PostSchema = new typeorm.EntitySchema(${columns("js_post")});\n`,
        "retort.config.json": JSON.stringify({ entities: ["src/entity/*.js", "src/entity/*.mjs"], url: ctx.db.url, versionTable: "retort_version_js" }),
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    const retort = (...args: string[]) => runRetort(args, project.dir);
    expect(ok(retort("autogen", "-m", "initial schema")).stdout).to.match(/Generated migrations\//);
    ok(retort("upgrade"));
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
  });

  it("a project pointing retort at its compiled output (tsc to dist/)", () => {
    project = fixtureProject(
      {
        "tsconfig.json": JSON.stringify({ compilerOptions: { ...JSON.parse(TSCONFIG("node16", "node16")).compilerOptions, paths: undefined, baseUrl: undefined, outDir: "dist", rootDir: "src", skipLibCheck: true, types: [] } }),
        "src/types.ts": ROLE,
        "src/entity/User.ts": USER("", "../types", "built"),
        "src/entity/Post.ts": POST("", "built"),
        "src/data-source.ts": `import "reflect-metadata";
import { DataSource } from "typeorm";
import { User } from "./entity/User";
import { Post } from "./entity/Post";

export const AppDataSource = new DataSource({ ${connection(ctx.target.name, ctx.db.url)}, entities: [User, Post] } as never);
`,
        "retort.config.json": JSON.stringify({ dataSource: "./dist/data-source.js", versionTable: "retort_version_built" }),
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", project.dir], { encoding: "utf8" });
    expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
    const retort = (...args: string[]) => runRetort(args, project.dir);
    expect(ok(retort("autogen", "-m", "initial schema")).stdout).to.match(/Generated migrations\//);
    ok(retort("upgrade"));
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
  });

  it("an npm workspaces monorepo: entities in a sibling package, as TypeScript source with its own tsconfig", () => {
    project = fixtureProject(
      {
        "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
        "packages/entities/package.json": JSON.stringify({ name: "@acme/entities", main: "src/index.ts" }),
        "packages/entities/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, paths: { "#types": ["./src/types.ts"] } } }),
        "packages/entities/src/types.ts": ROLE,
        "packages/entities/src/User.ts": USER("", "#types", "mono"),
        "packages/entities/src/Post.ts": POST("", "mono"),
        "packages/entities/src/index.ts": `export { User } from "./User";\nexport { Post } from "./Post";\n`,
        "packages/app/package.json": JSON.stringify({ name: "app" }),
        "packages/app/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }),
        "packages/app/src/data-source.ts": `import "reflect-metadata";
import { DataSource } from "typeorm";
import { User, Post } from "@acme/entities";

export const AppDataSource = new DataSource({ ${connection(ctx.target.name, ctx.db.url)}, entities: [User, Post] } as never);
`,
        "packages/app/retort.config.ts": CONFIG("mono"),
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    // What npm install does for a workspace package: a symlink in node_modules (here the app's own).
    mkdirSync(join(project.dir, "packages", "app", "node_modules", "@acme"), { recursive: true });
    symlinkSync(join(project.dir, "packages", "entities"), join(project.dir, "packages", "app", "node_modules", "@acme", "entities"), "dir");
    const retort = (...args: string[]) => runRetort(args, join(project.dir, "packages", "app"));
    expect(ok(retort("autogen", "-m", "initial schema")).stdout).to.match(/Generated migrations\//);
    ok(retort("upgrade"));
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
  });
});
