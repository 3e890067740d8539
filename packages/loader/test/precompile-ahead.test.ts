import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileCacheMisses } from "../src/compile-cache";
import { cacheDir } from "../src/cache-folder";
import { formatOf } from "../src/module-format";
import { precompileAhead } from "../src/precompile-ahead";
import { compileTypeScript } from "../src/typescript-compile";

/** `count` TypeScript files of a fresh folder, each with an enum-typed field (the decorator-metadata rewrite runs too). */
function writeFiles(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `entity-${i}.ts`);
    writeFileSync(file, `export enum Status${i} { On = "on", Off = "off" }\nexport const value${i}: number = ${i};\nexport const status${i}: Status${i} = Status${i}.On;\n`);
    files.push(file);
  }
  return files;
}

describe("precompileAhead", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-precompile-test-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const compile = (file: string) => compileTypeScript(readFileSync(file, "utf8"), file, formatOf(file));

  it("compiles a cold folder's files on another thread: loading them then compiles nothing", async () => {
    const files = writeFiles(dir, 60);
    const ahead = precompileAhead(files);
    await ahead.finished;
    const before = compileCacheMisses();
    const outputs = files.map(compile);
    // Without a cache folder (RETORT_CACHE=0) there is nothing to warm: every file compiles here.
    expect(compileCacheMisses() - before).to.equal(cacheDir() === null ? 60 : 0);
    expect(outputs[7]).to.include("value7 = 7");
    expect(outputs.every((js, i) => js.includes(`Status${i}`))).to.equal(true);
  });

  it("starts no thread for a few files", async () => {
    const files = writeFiles(dir, 10);
    await precompileAhead(files).finished;
    const before = compileCacheMisses();
    files.forEach(compile);
    expect(compileCacheMisses() - before).to.equal(10);
  });
});
