import { cacheDir } from "@retort/loader";
import { rejectionOf } from "@retort/testing";
import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidMigrationError, loadScriptDirectory, type Operations } from "../../src";
import { isSelfContained } from "../../src/scripts/migration-header-cache";

type Counters = { retortLoads?: Record<string, number>; retortRuns?: Record<string, number> };
const counters = globalThis as Counters;

/**
 * A migration that counts, in globals, how often its module is evaluated and its upgrade
 * runs. A random id keeps its text (the cache key) new to every test run.
 */
function countingMigration(dir: string, imports = ""): { file: string; revision: string } {
  const revision = randomBytes(6).toString("hex");
  const file = join(dir, `2026_01_01_${revision}_counting.ts`);
  writeFileSync(
    file,
    `${imports}import type { Operations } from "@retort/runtime";
const g = globalThis as { retortLoads?: Record<string, number>; retortRuns?: Record<string, number> };
g.retortLoads = { ...g.retortLoads, "${revision}": (g.retortLoads?.["${revision}"] ?? 0) + 1 };
export const revision = "${revision}";
export const downRevision = null;
export const message = "counting";
export async function upgrade(_op: Operations): Promise<void> {
  g.retortRuns = { ...g.retortRuns, "${revision}": (g.retortRuns?.["${revision}"] ?? 0) + 1 };
}
export async function downgrade(_op: Operations): Promise<void> {}
`,
  );
  return { file, revision };
}

const loads = (revision: string) => counters.retortLoads?.[revision] ?? 0;
const runs = (revision: string) => counters.retortRuns?.[revision] ?? 0;
const noOperations = {} as Operations;

describe("migration header cache", () => {
  before(() => expect(cacheDir(), "the suite runs with caching on").not.to.equal(null));

  it("reads a loaded self-contained migration's header without running its module, which loads when it upgrades", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-headers-"));
    const { revision } = countingMigration(dir);
    await loadScriptDirectory(dir);
    expect(loads(revision)).to.equal(1);
    const again = (await loadScriptDirectory(dir)).scripts.get(revision)!;
    expect(loads(revision), "the second read is the cache's").to.equal(1);
    expect([again.message, again.downRevisions, again.branchLabels]).to.deep.equal(["counting", [], []]);
    await again.upgrade(noOperations);
    await again.upgrade(noOperations);
    expect([loads(revision), runs(revision)]).to.deep.equal([2, 2]);
  });

  it("always loads a migration that imports another module at run time", async () => {
    const base = mkdtempSync(join(tmpdir(), "retort-headers-"));
    const dir = join(base, "migrations");
    mkdirSync(dir);
    writeFileSync(join(base, "helper.ts"), "export const two = 2;\n");
    const helped = countingMigration(dir, `import { two } from "../helper";\nvoid two;\n`);
    const fromPackage = countingMigration(dir, `import { join } from "node:path";\nvoid join;\n`);
    await loadScriptDirectory(dir);
    await loadScriptDirectory(dir);
    expect([loads(helped.revision), loads(fromPackage.revision)]).to.deep.equal([2, 2]);
  });

  it("refuses to run a cached migration whose file changed after it was read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-headers-"));
    const { file, revision } = countingMigration(dir);
    await loadScriptDirectory(dir);
    const script = (await loadScriptDirectory(dir)).scripts.get(revision)!;
    writeFileSync(file, `${script.source}// edited\n`);
    const e = await rejectionOf(Promise.resolve(script.upgrade(noOperations)));
    expect(e).to.be.instanceOf(InvalidMigrationError).and.to.have.property("message").that.contains(file).and.contains("changed");
    expect(runs(revision)).to.equal(0);
  });

  it("a damaged entry is a miss, and is written again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-headers-"));
    const { revision } = countingMigration(dir);
    const first = (await loadScriptDirectory(dir)).scripts.get(revision)!;
    writeFileSync(join(cacheDir()!, `migration-${first.checksum}.json`), '{"format":"retort-migration-header-1","checksum":"');
    await loadScriptDirectory(dir);
    await loadScriptDirectory(dir);
    expect(loads(revision)).to.equal(2);
  });

  it("takes a file as self-contained only when it imports nothing at run time", () => {
    expect(isSelfContained(`import type { Operations } from "@retort/cli";\nexport const revision = "a";\n`)).to.equal(true);
    expect(isSelfContained(`module.exports = { revision: "a" };\n`)).to.equal(true);
    for (const runtime of [
      `import { x } from "./x";`,
      `import {\n  x,\n} from "./x";`,
      `import type {\n  X,\n} from "./x";`, // conservative: a multi-line type import counts
      `export * from "./x";`,
      `import "./side-effect";`,
      `const x = require("./x");`,
      `const x = await import("./x");`,
      `import x = require("./x");`,
    ]) {
      expect(isSelfContained(`${runtime}\nexport const revision = "a";\n`), runtime).to.equal(false);
    }
  });
});
