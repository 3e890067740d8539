import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedCompile } from "../src/compile-cache";

describe("cachedCompile", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "retort-cache-test-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles a source once, and again when the source, file or compiler changes", () => {
    // The cache folder is read once per process: this test uses the process's folder.
    let compiled = 0;
    const compile = (out: string) => () => {
      compiled++;
      return out;
    };
    const file = join(dir, `entity-${process.pid}-${Date.now()}.ts`);
    writeFileSync(file, "export const a = 1;");
    expect(cachedCompile("export const a = 1;", file, "swc-1", compile("one"))).to.equal("one");
    expect(cachedCompile("export const a = 1;", file, "swc-1", compile("never"))).to.equal("one");
    expect(cachedCompile("export const a = 2;", file, "swc-1", compile("two"))).to.equal("two");
    expect(cachedCompile("export const a = 1;", `${file}.moved.ts`, "swc-1", compile("three"))).to.equal("three");
    expect(cachedCompile("export const a = 1;", file, "swc-2", compile("four"))).to.equal("four");
    expect(compiled).to.equal(process.env.RETORT_COMPILE_CACHE === "0" ? 5 : 4);
  });

  it("does not cache a compilation that fails", () => {
    const file = join(dir, `broken-${process.pid}-${Date.now()}.ts`);
    const fail = () => {
      throw new Error("does not compile");
    };
    expect(() => cachedCompile("export const = ;", file, "swc-1", fail)).to.throw("does not compile");
    expect(cachedCompile("export const = ;", file, "swc-1", () => "fixed")).to.equal("fixed");
  });
});
