import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expandGlobs } from "../src";

describe("expandGlobs", () => {
  let dir: string;
  const files = ["a.ts", "b.js", "c.d.ts", ".hidden.ts", "sub/d.ts", "sub/deep/e.ts", "sub/.dot/f.ts", "other/g.ts"];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "retort-glob-"));
    for (const f of files) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      writeFileSync(join(dir, f), "");
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const expand = (...patterns: string[]) => expandGlobs(patterns, dir).map((f) => relative(dir, f).split("\\").join("/"));

  it("matches one folder with *, skipping dot files", () => {
    expect(expand("*.ts")).to.deep.equal(["a.ts", "c.d.ts"]);
  });

  it("matches any depth with **, skipping dot folders", () => {
    expect(expand("**/*.ts")).to.deep.equal(["a.ts", "c.d.ts", "other/g.ts", "sub/d.ts", "sub/deep/e.ts"]);
    expect(expand("sub/**/*.ts")).to.deep.equal(["sub/d.ts", "sub/deep/e.ts"]);
  });

  it("expands braces and ?, merges patterns without duplicates", () => {
    expect(expand("*.{ts,js}", "?.ts")).to.deep.equal(["a.ts", "b.js", "c.d.ts"]);
  });

  it("takes absolute patterns and plain paths as they are", () => {
    expect(expandGlobs([join(dir, "sub", "*.ts")], "/elsewhere")).to.deep.equal([join(dir, "sub", "d.ts")]);
    expect(expand("other/g.ts")).to.deep.equal(["other/g.ts"]);
  });
});
