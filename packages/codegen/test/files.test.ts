import { expect } from "chai";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { column } from "@retort/core";
import {
  InvalidFileTemplateError,
  MigrationFileExistsError,
  migrationFileName,
  PostWriteError,
  renderFormattedMigration,
  slugify,
  writeMigrationFile,
} from "../src";
import { addColumn, everyReversibleOp, input } from "./fixtures";

describe("migration file names", () => {
  const at = { revision: "1a2b3c4d5e6f", message: "Add user's e-mail!", createdAt: "2026-11-27T23:59:58.000Z" };

  it("defaults to <yyyy_mm_dd>_<rev>_<slug>.ts in UTC", () => {
    expect(migrationFileName(at)).to.equal("2026_11_27_1a2b3c4d5e6f_add_user_s_e_mail.ts");
  });

  it("takes a template with date and time tokens", () => {
    expect(migrationFileName(at, "{year}{month}{day}{hour}{minute}{second}-{rev}")).to.equal("20261127235958-1a2b3c4d5e6f.ts");
    expect(migrationFileName(at, "{rev}_{slug}")).to.equal("1a2b3c4d5e6f_add_user_s_e_mail.ts");
  });

  it("drops the separator of an empty slug", () => {
    expect(migrationFileName({ ...at, message: "" })).to.equal("2026_11_27_1a2b3c4d5e6f.ts");
    expect(migrationFileName({ ...at, message: "!!!" }, "{slug}_{rev}")).to.equal("1a2b3c4d5e6f.ts");
  });

  it("truncates long slugs and strips accents", () => {
    expect(slugify("Crème brûlée " + "x".repeat(60))).to.have.length(40);
    expect(slugify("Crème brûlée")).to.equal("creme_brulee");
  });

  it("rejects templates without {rev}, with unknown tokens or with paths", () => {
    expect(() => migrationFileName(at, "{date}_{slug}")).to.throw(InvalidFileTemplateError, /must contain \{rev\}/);
    expect(() => migrationFileName(at, "{rev}_{nope}")).to.throw(InvalidFileTemplateError, /unknown token \{nope\}/);
    expect(() => migrationFileName(at, "sub/{rev}")).to.throw(InvalidFileTemplateError, /path separator/);
  });
});

describe("writeMigrationFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "retort-codegen-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a missing directory, writes the file formatted by prettier and refuses to overwrite it", async () => {
    const target = join(dir, "migrations", "nested");
    const written = await writeMigrationFile(target, input(everyReversibleOp));
    expect(written.path).to.equal(join(target, "2026_11_27_1a2b3c4d5e6f_add_user.ts"));
    const text = await readFile(written.path, "utf8");
    expect(text).to.include('export const revision = "1a2b3c4d5e6f";');
    // prettier's default: 80 columns, so the long createIndex call is broken up
    expect(text.split("\n").every((l) => l.length <= 120)).to.equal(true);
    expect(written.warnings).to.have.length(1);
    try {
      await writeMigrationFile(target, input(everyReversibleOp));
      expect.fail("should refuse to overwrite");
    } catch (e) {
      expect(e).to.be.instanceOf(MigrationFileExistsError);
      expect(await readFile(written.path, "utf8")).to.equal(text);
    }
  });

  it("renders for --dry-run exactly what it would write, writing nothing", async () => {
    const migration = input(everyReversibleOp);
    const dry = await renderFormattedMigration(migration, join(dir, "m", "x.ts"));
    expect(await readdir(dir)).to.deep.equal([]);
    const written = await writeMigrationFile(join(dir, "m"), migration);
    expect(await readFile(written.path, "utf8")).to.equal(dry.source);
    expect(dry.warnings).to.deep.equal(written.warnings);
  });

  it("honours the user's prettier config", async () => {
    await writeFile(join(dir, ".prettierrc"), JSON.stringify({ singleQuote: true, semi: false, printWidth: 120 }));
    const written = await writeMigrationFile(dir, input([addColumn("users", column("age", "integer"))]));
    const text = await readFile(written.path, "utf8");
    expect(text).to.include("export const revision = '1a2b3c4d5e6f'\n");
    expect(text).to.include("  await op.addColumn('users', { name: 'age', type: 'integer', nullable: true })\n");
  });

  it("gives byte-identical files for the same input, formatted or not", async () => {
    for (const postWrite of [[], ["prettier"]] as const) {
      const a = await writeMigrationFile(join(dir, `a${postWrite.length}`), input(everyReversibleOp, { dialect: "sqlite" }), { postWrite });
      const b = await writeMigrationFile(join(dir, `b${postWrite.length}`), input(everyReversibleOp, { dialect: "sqlite" }), { postWrite });
      expect(await readFile(a.path, "utf8")).to.equal(await readFile(b.path, "utf8"));
    }
    const raw = await readFile(join(dir, "a0", "2026_11_27_1a2b3c4d5e6f_add_user.ts"), "utf8");
    expect(raw).to.include("await op.batchAlterTable(");
  });

  it("runs post-write commands with the file's path, and reports a failing one", async () => {
    const touch = `node -e "require('fs').appendFileSync(process.argv[1], '// touched\\n')" {file}`;
    const written = await writeMigrationFile(dir, input([]), { postWrite: ["prettier", { command: touch }] });
    expect(await readFile(written.path, "utf8")).to.match(/\/\/ touched\n$/);
    const failing = writeMigrationFile(join(dir, "x"), input([]), { postWrite: [{ command: "node -e \"process.exit(3)\"" }] });
    try {
      await failing;
      expect.fail("should fail");
    } catch (e) {
      expect(e).to.be.instanceOf(PostWriteError);
      expect((e as Error).message).to.include("exit code 3");
    }
    expect(await readdir(join(dir, "x"))).to.have.length(1);
  });
});
