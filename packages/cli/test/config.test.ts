import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src";
import { ConfigNotFoundError, InvalidConfigError } from "../src/config/config-errors";
import { urlFromDataSourceOptions } from "@retort/typeorm";
import { anchorSqliteUrl, chooseConnectionUrl } from "../src/project/connection-url";

describe("config loading", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-config-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds retort.config.ts in a parent folder and resolves paths against it", async () => {
    writeFileSync(join(dir, "retort.config.ts"), 'const config: { dataSource: string } = { dataSource: "./src/ds.ts" };\nexport default config;\n');
    mkdirSync(join(dir, "src", "deep"), { recursive: true });
    const config = await loadConfig({ cwd: join(dir, "src", "deep") });
    expect(config.file).to.equal(join(dir, "retort.config.ts"));
    expect(config.dataSource).to.equal(join(dir, "src", "ds.ts"));
    expect(config.migrations).to.equal(join(dir, "migrations"));
    expect(config.versionTable).to.equal("retort_version");
    expect(config.lockTimeout).to.equal(60);
  });

  it("loads .json, .cjs and .mjs configs", async () => {
    for (const [name, body] of [
      ["retort.config.json", '{ "entities": "./e/*.ts", "url": "sqlite:x.db" }'],
      ["retort.config.cjs", 'module.exports = { entities: ["./e/*.ts"], url: "sqlite:x.db" };'],
      ["retort.config.mjs", 'export default { entities: ["./e/*.ts"], url: "sqlite:x.db" };'],
    ] as const) {
      const sub = mkdtempSync(join(dir, "c-"));
      writeFileSync(join(sub, name), body);
      const config = await loadConfig({ cwd: sub });
      expect(config.entities, name).to.deep.equal([join(sub, "e/*.ts")]);
    }
  });

  it("explains a missing config, an unknown key and a missing model source", async () => {
    const err1 = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(err1).to.be.instanceOf(ConfigNotFoundError);
    expect((err1 as Error).message).to.include("retort init");
    writeFileSync(join(dir, "retort.config.json"), '{ "dataSorce": "./ds.ts" }');
    const err2 = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(err2).to.be.instanceOf(InvalidConfigError);
    expect((err2 as Error).message).to.include('"dataSorce"').and.include("dataSource");
    writeFileSync(join(dir, "retort.config.json"), "{}");
    const err3 = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect((err3 as Error).message).to.include("names no model source");
  });
});

describe("connection URL precedence", () => {
  it("takes --url, then DATABASE_URL, then config url, then the DataSource", () => {
    const ds = () => ({ url: urlFromDataSourceOptions({ type: "postgres", host: "db", port: 5433, username: "app", password: "pw", database: "shop" }) });
    expect(chooseConnectionUrl({ flag: "sqlite:a", env: "sqlite:b", config: "sqlite:c", source: ds })).to.equal("sqlite:a");
    expect(chooseConnectionUrl({ env: "sqlite:b", config: "sqlite:c", source: ds })).to.equal("sqlite:b");
    expect(chooseConnectionUrl({ config: "sqlite:c", source: ds })).to.equal("sqlite:c");
    expect(chooseConnectionUrl({ source: ds })).to.equal("postgres://app:pw@db:5433/shop");
  });

  it("maps TypeORM's SQLite types to their drivers and anchors relative files", () => {
    expect(urlFromDataSourceOptions({ type: "better-sqlite3", database: "app.db" })).to.equal("sqlite:app.db?driver=better-sqlite3");
    expect(urlFromDataSourceOptions({ type: "sqlite", database: "app.db" })).to.equal("sqlite:app.db?driver=sqlite3");
    expect(anchorSqliteUrl("sqlite:app.db?driver=sqlite3", "/proj")).to.equal("sqlite:/proj/app.db?driver=sqlite3");
    expect(anchorSqliteUrl("sqlite::memory:", "/proj")).to.equal("sqlite::memory:");
  });
});

/** Issue 10, item 18: every key's value is checked, with the key, what it got and what it takes. */
describe("config values", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-config-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function refusal(body: string): Promise<string> {
    const sub = mkdtempSync(join(dir, "c-"));
    writeFileSync(join(sub, "retort.config.cjs"), `module.exports = { dataSource: "./ds.ts", ${body} };`);
    const err = await loadConfig({ cwd: sub }).catch((e: unknown) => e);
    expect(err, body).to.be.instanceOf(InvalidConfigError);
    return (err as Error).message;
  }

  for (const [body, says] of [
    ["lockTimeout: NaN", /"lockTimeout" must be a number of seconds from 0 to \d+, got NaN/],
    ["lockTimeout: Infinity", /"lockTimeout" .* got Infinity/],
    ["lockTimeout: -1", /"lockTimeout" .* got -1/],
    ['lockTimeout: "60"', /"lockTimeout" .* got "60"/],
    ["ddlLockTimeout: NaN", /"ddlLockTimeout" must be a number of seconds/],
    ['transactionPerMigration: "false"', /"transactionPerMigration" must be true or false, got "false"/],
    ["strictChecksums: 1", /"strictChecksums" must be true or false, got 1/],
    ["includeSchemas: null", /"includeSchemas" must be true or false, got null/],
    ["renderAsBatch: 0", /"renderAsBatch" must be true or false/],
    ['compareType: "yes"', /"compareType" must be true, false or a function/],
    ["compareServerDefault: 1", /"compareServerDefault" must be true, false or a function/],
    ["includeObject: true", /"includeObject" must be a function \(object, name, type, reflected, compareTo\) => boolean, got true/],
    ['includeName: "users"', /"includeName" must be a function/],
    ["processRevisionDirectives: {}", /"processRevisionDirectives" must be a function \(ctx, revision, directives\) => void, got an object/],
    ['rewriter: "x"', /"rewriter" must be a Rewriter/],
    ['versionTable: ""', /"versionTable" must be a table name/],
    ['versionTable: "' + "v".repeat(60) + '"', /"versionTable" must be a table name of 1 to 55/],
    ["migrations: 42", /"migrations" must be a folder such as "\.\/migrations", got 42/],
    ['url: ""', /"url" must be a database URL/],
    ["entities: [1]", /"entities" must be a glob or a list of globs/],
    ['postWrite: "prettier"', /"postWrite" must be an array/],
    ["postWrite: [{ cmd: 'x' }]", /"postWrite" must be an array of "prettier" and \{ command/],
  ] as const) {
    it(`refuses ${body}`, async () => {
      const message = await refusal(body);
      expect(message).to.match(says);
      expect(message).to.include("retort.config.cjs");
    });
  }

  it("takes every documented key with a good value", async () => {
    writeFileSync(
      join(dir, "retort.config.cjs"),
      `module.exports = { dataSource: "./ds.ts", entities: [], url: "sqlite:x.db", migrations: "./m", versionTable: "v",
        compareType: () => undefined, compareServerDefault: false, includeSchemas: true, includeObject: () => true,
        includeName: () => true, renderAsBatch: true, processRevisionDirectives: () => undefined, rewriter: {},
        transactionPerMigration: false, lockTimeout: 0, ddlLockTimeout: 2.5, strictChecksums: true, postWrite: ["prettier", { command: "true" }] };`,
    );
    const config = await loadConfig({ cwd: dir });
    expect(config.lockTimeout).to.equal(0);
    expect(config.ddlLockTimeout).to.equal(2.5);
    expect(config.strictChecksums).to.equal(true);
  });
});
