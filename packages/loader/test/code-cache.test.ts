import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CODE_CACHE = join(__dirname, "..", "src", "code-cache.js");

/** Requires `file` in a fresh process with the code cache on in `cacheDir`; returns what it printed. */
function runWithCodeCache(cacheDir: string, file: string): string {
  const script = `require(${JSON.stringify(CODE_CACHE)}).installCodeCache(); require(${JSON.stringify(file)});`;
  return execFileSync(process.execPath, ["-e", script], { env: { ...process.env, RETORT_COMPILE_CACHE: cacheDir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("installCodeCache", () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "retort-code-cache-test-"));
    cacheDir = join(dir, "cache");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores an entry at exit and serves the module from it with the module's own require, exports and paths", () => {
    const file = join(dir, "module.js");
    writeFileSync(join(dir, "helper.js"), "module.exports = (x) => x * 2;\n");
    writeFileSync(
      file,
      `const double = require("./helper");\nconsole.log(double(21), __filename.endsWith("module.js"), require.resolve("./helper") === __dirname + "/helper.js", typeof exports);\n`,
    );
    expect(runWithCodeCache(cacheDir, file)).to.equal("42 true true object\n");
    // One pack for the folder, holding both modules.
    expect(readdirSync(cacheDir).filter((n) => n.endsWith(".v8pack"))).to.have.length(1);
    expect(runWithCodeCache(cacheDir, file)).to.equal("42 true true object\n");
  });

  it("requires a module again once it is removed from require.cache, as Node does", () => {
    const file = join(dir, "reload.js");
    writeFileSync(join(dir, "counter.js"), "globalThis.loads = (globalThis.loads ?? 0) + 1;\n");
    writeFileSync(
      file,
      `require("./counter");\nrequire("./counter");\ndelete require.cache[require.resolve("./counter")];\nrequire("./counter");\nconsole.log(globalThis.loads);\n`,
    );
    expect(runWithCodeCache(cacheDir, file)).to.equal("2\n");
  });

  it("compiles a file edited to the same length again (V8 itself only checks the length)", () => {
    const file = join(dir, "same-length.js");
    writeFileSync(file, `console.log("one");\n`);
    expect(runWithCodeCache(cacheDir, file)).to.equal("one\n");
    writeFileSync(file, `console.log("two");\n`);
    expect(runWithCodeCache(cacheDir, file)).to.equal("two\n");
  });

  it("leaves a module that imports dynamically to Node, where import() works", () => {
    const file = join(dir, "dynamic.js");
    writeFileSync(join(dir, "esm.mjs"), "export const v = 7;\n");
    writeFileSync(file, `import("./esm.mjs").then((m) => console.log(m.v));\n`);
    expect(runWithCodeCache(cacheDir, file)).to.equal("7\n");
  });

  // get-intrinsic 1.3.1 requires async-function/require.mjs: the first-contact failure of issue 9.
  it("leaves ES modules reached through require() to Node: .mjs, a \"type\": \"module\" package, ESM syntax in a .js", () => {
    mkdirSync(join(dir, "node_modules", "esm-pkg"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "esm-pkg", "package.json"), `{ "name": "esm-pkg", "type": "module", "main": "index.js" }`);
    writeFileSync(join(dir, "node_modules", "esm-pkg", "index.js"), "import { v } from './v.js';\nexport default v + 1;\n");
    writeFileSync(join(dir, "node_modules", "esm-pkg", "v.js"), "export const v = 1;\n");
    writeFileSync(join(dir, "require.mjs"), "import fn from './plain.js';\nexport default fn;\n");
    writeFileSync(join(dir, "plain.js"), "module.exports = () => 'cjs';\n");
    writeFileSync(join(dir, "detected.js"), "export const detected = true;\n");
    const file = join(dir, "main.js");
    writeFileSync(
      file,
      `console.log(require("./require.mjs").default(), require("esm-pkg").default, require("./detected.js").detected);\n`,
    );
    expect(runWithCodeCache(cacheDir, file)).to.equal("cjs 2 true\n");
    expect(runWithCodeCache(cacheDir, file)).to.equal("cjs 2 true\n");
  });

  it("still reports a syntax error in a CommonJS module", () => {
    const file = join(dir, "bad.cjs");
    writeFileSync(file, "const = 1;\n");
    let stderr = "";
    try {
      runWithCodeCache(cacheDir, file);
    } catch (e) {
      stderr = String((e as { stderr?: string }).stderr);
    }
    expect(stderr).to.contain("SyntaxError").and.to.contain(file);
  });

  it("reports a thrown error with the module's file and line", () => {
    const file = join(dir, "throws.js");
    writeFileSync(file, `\n\nthrow new Error("boom");\n`);
    let stderr = "";
    try {
      runWithCodeCache(cacheDir, file);
    } catch (e) {
      stderr = String((e as { stderr?: string }).stderr);
    }
    expect(stderr).to.contain(`${file}:3`).and.to.contain("boom");
  });
});
