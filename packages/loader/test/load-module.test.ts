import { rejectionOf } from "@retort/testing";
import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "reflect-metadata";
import { ModuleLoadError, loadModule } from "../src";

describe("loadModule", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "retort-loader-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("loads TypeScript with decorator metadata (design:type)", async () => {
    const file = join(dir, "entity.ts");
    writeFileSync(
      file,
      `function Col(): PropertyDecorator { return () => undefined; }
       export class User { @Col() name!: string; @Col() age!: number; @Col() born!: Date; }`,
    );
    const mod = await loadModule<{ User: { prototype: object } }>(file);
    const typeOf = (prop: string) => Reflect.getMetadata("design:type", mod.User.prototype, prop);
    expect(typeOf("name")).to.equal(String);
    expect(typeOf("age")).to.equal(Number);
    expect(typeOf("born")).to.equal(Date);
  });

  it("names the file and the problem when a file does not compile", async () => {
    const file = join(dir, "broken.ts");
    writeFileSync(file, "export const x = ;\n");
    expect(await rejectionOf(loadModule(file))).to.be.instanceOf(ModuleLoadError)
      .with.property("message")
      .that.includes(file)
      .and.includes("does not compile");
  });

  it("names a missing import", async () => {
    const file = join(dir, "missing.ts");
    writeFileSync(file, 'import "retort-no-such-package";\n');
    expect(await rejectionOf(loadModule(file))).to.be.instanceOf(ModuleLoadError).and.to.have.property("message").that.matches(/retort-no-such-package.*Install/);
  });

  it("re-reads an edited module when asked for a fresh copy, CommonJS and ES module alike", async () => {
    for (const type of ["commonjs", "module"]) {
      const folder = join(dir, `fresh-${type}`);
      mkdirSync(folder);
      writeFileSync(join(folder, "package.json"), JSON.stringify({ type }));
      const file = join(folder, "migration.ts");
      writeFileSync(file, "export const version: number = 1;\n");
      expect((await loadModule<{ version: number }>(file, { fresh: true })).version).to.equal(1);
      writeFileSync(file, "export const version: number = 22;\n");
      expect((await loadModule<{ version: number }>(file, { fresh: true })).version, type).to.equal(22);
    }
  });
});
