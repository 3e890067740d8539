import { expect } from "chai";
import { COL, designType, loaderProject, type LoaderProject } from "./support/fixture-project";

/**
 * Projects as people set them up (issue 9, "Load user code the way the user's own
 * toolchain does"): each is loaded with loadModule in a fresh process, the way the CLI does.
 */
describe("loading projects as their own toolchain does", () => {
  let project: LoaderProject;
  afterEach(() => project?.remove());

  const USER = (ext: string) => `import "reflect-metadata";\nimport { Post } from "./Post${ext}";\n${COL}export class User { @Col() name!: string; @Col() posts!: Post[]; @Col() post!: Post; }\n`;
  const POST = (ext: string) => `import { User } from "./User${ext}";\n${COL}export class Post { @Col() title!: string; @Col() author!: User; }\n`;

  it("ESM (type: module, NodeNext): .js specifiers naming .ts, top-level await, extends from a package, paths, a User ↔ Post cycle", () => {
    project = loaderProject({
      "package.json": `{ "type": "module" }`,
      "node_modules/@tsconfig/node20/tsconfig.json": `{ "compilerOptions": { "target": "es2022", "module": "node16", "strict": true } }`,
      "tsconfig.json": `{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "experimentalDecorators": true, "emitDecoratorMetadata": true, "paths": { "@app/*": ["./src/*"] } } }`,
      "src/entity/User.ts": USER(".js"),
      "src/entity/Post.ts": POST(".js"),
      "src/data-source.ts":
        `import { User } from "@app/entity/User.js";\nimport { Post } from "./entity/Post.js";\n` +
        `const ready = await Promise.resolve("awaited");\nexport default { User, Post, ready, format: import.meta.url.startsWith("file:") ? "esm" : "?" };\n`,
    });
    const print = `[mod.default.ready, mod.default.format, ${designType("mod.default.User", "name")}, ${designType("mod.default.Post", "title")}].join(" ")`;
    expect(project.load("src/data-source.ts", print)).to.equal("awaited esm String String");
    // again, from the caches
    expect(project.load("src/data-source.ts", print)).to.equal("awaited esm String String");
  });

  it("ESM with Bundler resolution: extensionless specifiers and folder indexes", () => {
    project = loaderProject({
      "package.json": `{ "type": "module" }`,
      "tsconfig.json": `{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler", "experimentalDecorators": true, "emitDecoratorMetadata": true } }`,
      "src/entity/User.ts": USER(""),
      "src/entity/Post.ts": POST(""),
      "src/entity/index.ts": `export * from "./User";\nexport * from "./Post";\n`,
      "src/data-source.ts": `import { User, Post } from "./entity";\nexport default [User.name, Post.name];\n`,
    });
    expect(project.load("src/data-source.ts", `mod.default.join(" ")`)).to.equal("User Post");
  });

  it("CommonJS: paths with baseUrl, .js naming .ts, a cycle, and .mts/.cts files by their own format", () => {
    project = loaderProject({
      "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "experimentalDecorators": true, "emitDecoratorMetadata": true, "paths": { "@app/common/*": ["libs/common/src/*"] } } }`,
      "libs/common/src/base.entity.ts": `${COL}export abstract class BaseEntity { @Col() id!: number; }\n`,
      "src/entity/User.ts": USER(".js").replace("export class User", `import { BaseEntity } from "@app/common/base.entity";\nexport class User extends BaseEntity`),
      "src/entity/Post.ts": POST(""),
      "src/esm-helper.mts": `export const format = import.meta.url.startsWith("file:") ? "esm" : "?";\n`,
      "src/cjs-helper.cts": `export const format = typeof module.exports;\n`,
      "src/data-source.ts":
        `import { User } from "./entity/User";\nimport { format as cts } from "./cjs-helper.cjs";\n` +
        `export default { User, cts, load: () => import("./esm-helper.mjs") };\n`,
    });
    const print = `mod.default.load().then((esm) => console.log([mod.default.cts, esm.format, ${designType("mod.default.User", "id")}, ${designType("mod.default.User", "name")}].join(" ")))`;
    expect(project.load("src/data-source.ts", print)).to.equal("Promise { <pending> }\nobject esm Number String");
  });

  it("names the importing file and the tsconfig when a paths alias leads nowhere, without telling to install a package", () => {
    project = loaderProject({
      "tsconfig.json": `{ "compilerOptions": { "paths": { "@app/*": ["./src/*"] } } }`,
      "src/data-source.ts": `import { Nothing } from "@app/missing/thing";\nexport default Nothing;\n`,
    });
    const out = project.load("src/data-source.ts", "mod");
    expect(out).to.contain(`${project.dir}/src/data-source.ts`).and.contain(`${project.dir}/tsconfig.json`).and.contain("@app/missing/thing");
    expect(out).not.to.contain("Install");
  });

  it("names the file and line of an ES module that does not compile, without swc's backtrace", () => {
    project = loaderProject({
      "package.json": `{ "type": "module" }`,
      "src/data-source.ts": `import { x } from "./broken.js";\nexport default x;\n`,
      "src/broken.ts": `export const x = ;\n`,
    });
    const out = project.load("src/data-source.ts", "mod");
    expect(out).to.contain("does not compile").and.contain(`${project.dir}/src/broken.ts:1:1`).and.not.contain("backtrace");
  });

  it("names the importing file of a missing relative import", () => {
    project = loaderProject({
      "src/data-source.ts": `import { User } from "./entity/User";\nexport default User;\n`,
    });
    expect(project.load("src/data-source.ts", "mod")).to.contain("./entity/User").and.contain(`${project.dir}/src/data-source.ts`).and.not.contain("Install");
  });

  it("honours the tsconfig's decorator options: no emitDecoratorMetadata, no design:type", () => {
    project = loaderProject({
      "tsconfig.json": `{ "compilerOptions": { "experimentalDecorators": true } }`,
      "src/user.ts": `import "reflect-metadata";\n${COL}export class User { @Col() name!: string; }\n`,
    });
    expect(project.load("src/user.ts", designType("mod.User", "name"))).to.equal("none");
  });

  it("a monorepo: entities in a sibling workspace package, as TypeScript source through a node_modules symlink, with its own tsconfig", () => {
    project = loaderProject({
      "package.json": `{ "private": true, "workspaces": ["packages/*"] }`,
      "packages/entities/package.json": `{ "name": "@acme/entities", "main": "src/index.ts" }`,
      "packages/entities/tsconfig.json": `{ "compilerOptions": { "experimentalDecorators": true, "emitDecoratorMetadata": true, "paths": { "#base": ["./src/base.ts"] } } }`,
      "packages/entities/src/base.ts": `${COL}export class Base { @Col() createdAt!: Date; }\n`,
      "packages/entities/src/index.ts": `import "reflect-metadata";\nimport { Base } from "#base";\n${COL}export class User extends Base { @Col() name!: string; }\n`,
      "packages/app/package.json": `{ "name": "app" }`,
      "packages/app/src/data-source.ts": `import { User } from "@acme/entities";\nexport default User;\n`,
    });
    const { symlinkSync, mkdirSync } = require("node:fs") as typeof import("node:fs");
    mkdirSync(`${project.dir}/node_modules/@acme`);
    symlinkSync(`${project.dir}/packages/entities`, `${project.dir}/node_modules/@acme/entities`, "dir");
    expect(project.load("packages/app/src/data-source.ts", `[${designType("mod.default", "name")}, ${designType("mod.default", "createdAt")}].join(" ")`)).to.equal(
      "String Date",
    );
  });

  it("JavaScript files: CommonJS and ESM, beside compiled output", () => {
    project = loaderProject({
      "dist/entity/user.js": `"use strict";\nexports.UserSchema = { name: "user", columns: {} };\n`,
      "dist/entity/post.mjs": `export const PostSchema = { name: "post", columns: {} };\n`,
      "dist/data-source.js": `const { UserSchema } = require("./entity/user.js");\nmodule.exports = import("./entity/post.mjs").then((m) => [UserSchema.name, m.PostSchema.name]);\n`,
    });
    expect(project.load("dist/data-source.js", "mod.join(' ')")).to.equal("user post");
    expect(project.load("dist/entity/post.mjs", "mod.PostSchema.name")).to.equal("post");
  });
});
