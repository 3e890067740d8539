import { expect } from "chai";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { loaderProject, type LoaderProject } from "./support/fixture-project";

type PackIndex = Record<string, [sourceHash: string, offset: number, length: number, crc: number]>;

function readPack(file: string): { index: PackIndex; start: number; buffer: Buffer } {
  const buffer = readFileSync(file);
  const indexLength = buffer.readUInt32LE(0);
  return { index: JSON.parse(buffer.toString("utf8", 4, 4 + indexLength)) as PackIndex, start: 4 + indexLength, buffer };
}

/**
 * Whether the entries of the project's own modules have the data their checksums say.
 * (Entries of modules a run did not load, such as swc's when every file came from the
 * compile cache, are checked, and rebuilt, only by a run that loads them.)
 */
function projectEntriesAreSound(dir: string): boolean {
  const names = ["data-source.ts", "helper.js"];
  let seen = 0;
  const sound = packFiles(dir).every((file) => {
    const { index, start, buffer } = readPack(file);
    return Object.entries(index)
      .filter(([name]) => names.includes(name))
      .every(([, [, offset, length, crc]]) => ++seen > 0 && crc32(buffer.subarray(start + offset, start + offset + length)) === crc);
  });
  return sound && seen === names.length;
}

const packFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".v8pack")).map((n) => join(dir, n));

/** The compile-cache entry holding `marker`. */
function compiledEntry(dir: string, marker: string): string {
  const found = readdirSync(dir).filter((n) => n.endsWith(".js")).map((n) => join(dir, n)).filter((f) => readFileSync(f, "utf8").includes(marker));
  expect(found, `one compiled entry holding ${marker}`).to.have.length(1);
  return found[0]!;
}

function flipBit(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x04;
  writeFileSync(file, bytes);
}

describe("caches that can't hurt (issue 9 item 2, issue 10 items 12 and 14)", () => {
  let project: LoaderProject;
  let cache: string;
  const SECRET = `S3cr3t-pw-${process.pid}-${Date.now()}`;
  const PRINT = "mod.default.url + ' ' + mod.default.answer()";
  const EXPECTED = `postgres://app:${SECRET}@db/app 42`;

  beforeEach(() => {
    project = loaderProject({
      "src/helper.js": `module.exports = { answer() { return 6 * 7; } };\n`,
      "src/data-source.ts": `import { answer } from "./helper";\nexport default { url: "postgres://app:${SECRET}@db/app", answer };\n`,
    });
    cache = join(project.dir, "node_modules", ".cache", "retort");
  });
  afterEach(() => project.remove());

  it("lives in the project's node_modules/.cache/retort, and leaves no user file in the shared temp folder", () => {
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    expect(statSync(cache).mode & 0o077).to.equal(0);
    expect(readFileSync(compiledEntry(cache, SECRET), "utf8")).to.contain(SECRET);
    const shared = readdirSync(tmpdir()).filter((n) => n.startsWith("retort-compile-cache"));
    for (const dir of shared.map((n) => join(tmpdir(), n))) {
      for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).includes(SECRET), join(dir, name)).to.equal(false);
    }
  });

  it("removes the shared temp folder where retort 0.1 kept compiled files (config included)", () => {
    const legacy = join(tmpdir(), `retort-compile-cache-${process.getuid!()}`);
    mkdirSync(legacy, { recursive: true, mode: 0o700 });
    const compiledConfig = join(legacy, `compiled-config-${process.pid}.js`);
    writeFileSync(compiledConfig, `const url = "postgres://app:${SECRET}@db/app";\n`);
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    // (An older retort running elsewhere on the machine may make the folder again at once.)
    expect(existsSync(compiledConfig)).to.equal(false);
  });

  it("is off with RETORT_CACHE=0, and with the older RETORT_COMPILE_CACHE=0", () => {
    expect(project.load("src/data-source.ts", PRINT, { RETORT_CACHE: "0" })).to.equal(EXPECTED);
    expect(project.load("src/data-source.ts", PRINT, { RETORT_COMPILE_CACHE: "0" })).to.equal(EXPECTED);
    expect(existsSync(cache)).to.equal(false);
  });

  it("rebuilds a compile-cache entry with a flipped bit, silently", () => {
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    const entry = compiledEntry(cache, SECRET);
    const good = readFileSync(entry, "utf8");
    flipBit(entry, good.indexOf("6 * 7") >= 0 ? good.indexOf("6 * 7") : good.indexOf(SECRET) + 2);
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    expect(readFileSync(entry, "utf8")).to.equal(good);
  });

  it("rebuilds a truncated compile-cache entry, silently", () => {
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    const entry = compiledEntry(cache, SECRET);
    const good = readFileSync(entry, "utf8");
    writeFileSync(entry, good.slice(0, Math.floor(good.length / 2)));
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    expect(readFileSync(entry, "utf8")).to.equal(good);
  });

  it("rebuilds a V8 code cache entry with a flipped bit in its data, never a V8 fatal error", () => {
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    const packs = packFiles(cache);
    expect(packs).to.have.length.greaterThan(0);
    for (const pack of packs) {
      const { index, start } = readPack(pack);
      for (const [, offset, length] of Object.values(index)) {
        // Bits of V8's header that V8 does not check in release builds (Node 20: a flip
        // at byte 24 or 28 is a fatal error, exit 133), and one in the bytecode.
        flipBit(pack, start + offset + 24);
        flipBit(pack, start + offset + 28);
        flipBit(pack, start + offset + Math.floor(length / 2));
      }
    }
    expect(projectEntriesAreSound(cache)).to.equal(false);
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    expect(projectEntriesAreSound(cache)).to.equal(true);
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
  });

  it("rebuilds a truncated V8 code cache pack, silently", () => {
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    for (const pack of packFiles(cache)) {
      const bytes = readFileSync(pack);
      writeFileSync(pack, bytes.subarray(0, bytes.length - Math.floor(bytes.length / 3)));
    }
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
    expect(projectEntriesAreSound(cache)).to.equal(true);
    expect(project.load("src/data-source.ts", PRINT)).to.equal(EXPECTED);
  });
});
