import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { dataSourceModule, fixtureProject } from "./support/fixture-project";
import { BIN, runRetort, type RetortRun } from "./support/run-retort";

describe("retort init", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-init-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a typed config naming the project's DataSource, and an empty script directory", () => {
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "app-data-source.ts"), 'import { DataSource } from "typeorm";\nexport default new DataSource({ type: "postgres" });\n');
    const run = runRetort(["init"], dir);
    expect(run.code, run.stderr).to.equal(0);
    const config = readFileSync(join(dir, "retort.config.ts"), "utf8");
    expect(config).to.include('import { defineConfig } from "@retort/cli"');
    expect(config).to.include('dataSource: "./src/app-data-source.ts"');
    expect(existsSync(join(dir, "migrations"))).to.equal(true);
  });

  it("refuses to overwrite an existing config, exit 2", () => {
    writeFileSync(join(dir, "retort.config.json"), "{}");
    const run = runRetort(["init"], dir);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("retort.config.json already exists");
    expect(run.stderr).not.to.match(/\n\s+at /);
    expect(readFileSync(join(dir, "retort.config.json"), "utf8")).to.equal("{}");
  });

  it("prints a JSON document with --json", () => {
    const run = runRetort(["init", "--json"], dir);
    expect(run.code).to.equal(0);
    const doc = JSON.parse(run.stdout) as { configFile: string; dataSource: string | null };
    expect(doc.configFile).to.equal(join(dir, "retort.config.ts"));
  });
});

describe("retort init in a project whose database never answers", () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  before(async () => {
    // Accepts connections and never says a word, like a firewalled or hung server.
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const target of ["postgres", "mariadb"]) {
    it(`gives up reading the ${target} database after a few seconds and still writes the config`, async function () {
      this.timeout(30_000);
      const project = fixtureProject({ "src/data-source.ts": dataSourceModule(target, `${target === "postgres" ? "postgres" : "mysql"}://app@127.0.0.1:${port}/shop`) });
      try {
        const started = Date.now();
        // spawnSync would block this process's event loop; the server only needs the kernel's accept queue.
        const run = await new Promise<RetortRun>((resolve) => {
          execFile(process.execPath, [BIN, "init", "--verbose"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
          );
        });
        expect(run.code, run.stderr).to.equal(0);
        expect(Date.now() - started).to.be.lessThan(15_000);
        expect(existsSync(join(project.dir, "retort.config.ts"))).to.equal(true);
        expect(run.stderr).to.include("Not inspected: the database was not read");
      } finally {
        project.remove();
      }
    });
  }
});

describe("retort usage errors", () => {
  it("exits 2 with a hint on an unknown command or option", () => {
    const cwd = tmpdir();
    const unknown = runRetort(["frobnicate"], cwd);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('Unknown command "frobnicate"').and.include("retort --help");
    const badFlag = runRetort(["init", "--frob"], cwd);
    expect(badFlag.code).to.equal(2);
    expect(badFlag.stderr).to.include("--frob");
  });

  it("puts the error document on stdout with --json", () => {
    const run = runRetort(["frobnicate", "--json"], tmpdir());
    expect(JSON.parse(run.stdout)).to.deep.equal({
      error: { code: "usage", message: 'Unknown command "frobnicate". Run `retort --help` for usage.' },
    });
  });

  it("prints help and version", () => {
    expect(runRetort(["--help"], tmpdir()).stdout).to.include("Usage: retort <command>");
    expect(runRetort(["--version"], tmpdir()).stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
  });
});
