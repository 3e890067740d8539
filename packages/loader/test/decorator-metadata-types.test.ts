import { expect } from "chai";
import { join } from "node:path";
import * as ts from "typescript";
import { COL, loaderProject, type LoaderProject } from "./support/fixture-project";

const DECLARATIONS = `export enum Role { A, B }
export enum Kind { X = "x", Y = "y" }
export enum Mixed { A = 1, B = "b" }
export const enum Flag { On = "on" }
export type Status = "on" | "off";
export type Num = 1 | 2;
export type Id = string;
export type When = Date;
export interface Shape { a: number }
export class Post { id!: number }
`;

const PROPERTIES: Record<string, string> = {
  nullableString: "string | null",
  optionalNumber: "number | undefined",
  role: "Role",
  kind: "Kind",
  mixed: "Mixed",
  flag: "Flag",
  status: "Status",
  num: "Num",
  id: "Id",
  when: "When",
  shape: "Shape",
  post: "Post",
  nullableRole: "Role | null",
  nullableStatus: "Status | null",
  nullableBoolean: "boolean | null",
  nullableDate: "Date | null",
  nullablePost: "Post | null",
  nullableArray: "string[] | null",
  local: "LocalKind",
  localAlias: "LocalCount",
  renamed: "R",
  literal: '"a"',
  big: "bigint",
};

const ENTITY =
  `import "reflect-metadata";\nimport { Role, Kind, Mixed, Flag, Status, Num, Id, When, Shape, Post, Role as R } from "./declarations";\n${COL}` +
  `enum LocalKind { P = "p" }\ntype LocalCount = number | null;\n` +
  `export class Entity {\n${Object.entries(PROPERTIES).map(([name, type]) => `  @Col() ${name}!: ${type};\n`).join("")}}\n`;

/** design:type per property as tsc emits it, from a real program over both files. */
function tscDesignTypes(dir: string, strict: boolean): Record<string, string> {
  const files = [join(dir, "src", "entity.ts"), join(dir, "src", "declarations.ts")];
  const program = ts.createProgram(files, {
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    noEmitOnError: false,
    skipLibCheck: true,
    types: [],
  });
  let js = "";
  program.emit(program.getSourceFile(files[0]!), (_name, text) => (js = text));
  const types: Record<string, string> = {};
  for (const m of js.matchAll(/__metadata\("design:type", ([^)]+)\)\s*\], Entity\.prototype, "(\w+)"/g)) {
    types[m[2]!] = /Object$/.test(m[1]!) ? "Object" : m[1]!.replace(/^.*\./, "");
  }
  return types;
}

describe("decorator metadata for enums and type aliases, as tsc emits it", () => {
  let project: LoaderProject;
  afterEach(() => project?.remove());

  for (const strict of [true, false]) {
    it(`matches tsc's design:type for every property (strict: ${strict})`, () => {
      project = loaderProject(
        {
          "tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict } }),
          "src/declarations.ts": DECLARATIONS,
          "src/entity.ts": ENTITY,
        },
        ["reflect-metadata"],
      );
      const expected = tscDesignTypes(project.dir, strict);
      expect(Object.keys(expected)).to.have.length(Object.keys(PROPERTIES).length);
      const print = `JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(PROPERTIES))}.map((p) => [p, (Reflect.getMetadata("design:type", mod.Entity.prototype, p) ?? { name: "undefined" }).name])))`;
      const loaded = JSON.parse(project.load("src/entity.ts", print)) as Record<string, string>;
      expect(loaded).to.deep.equal(expected);
      // From the compile cache, the same.
      expect(JSON.parse(project.load("src/entity.ts", print))).to.deep.equal(expected);
    });
  }

  it("follows an edit of the imported enum (the cache entry depends on it)", () => {
    project = loaderProject(
      {
        "tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true } }),
        "src/role.ts": "export enum Role { A, B }\n",
        "src/entity.ts": `import "reflect-metadata";\nimport { Role } from "./role";\n${COL}export class Entity { @Col() role!: Role; }\n`,
      },
      ["reflect-metadata"],
    );
    const print = `Reflect.getMetadata("design:type", mod.Entity.prototype, "role").name`;
    expect(project.load("src/entity.ts", print)).to.equal("Number");
    project.write("src/role.ts", 'export enum Role { A = "a", B = "b" }\n');
    expect(project.load("src/entity.ts", print)).to.equal("String");
  });
});
