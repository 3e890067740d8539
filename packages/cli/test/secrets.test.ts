import { expect } from "chai";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/**
 * Issue 10 item 13: a URL typo must never print the password, nor a fragment of it, in
 * any message, human or --json, whichever way the URL was given.
 */
const SECRET = "S3cr3tPw";
/** Fragments of the password a half-parsed URL could show. */
const FRAGMENTS = ["S3cr", "3tPw", "cr3t"];

function malformedUrls(scheme: string, hostPort: string): string[] {
  return [
    `${scheme}:/u:${SECRET}@${hostPort}/db`, // one slash
    `${scheme}:u:${SECRET}@${hostPort}/db`, // no slash
    `${scheme}:///u:${SECRET}@${hostPort}/db`, // three slashes
    `${scheme}://u:${SECRET.slice(0, 4)}/${SECRET.slice(4)}@${hostPort}/db`, // unencoded "/"
    `${scheme}://u:${SECRET.slice(0, 4)}?${SECRET.slice(4)}@${hostPort}/db`, // unencoded "?"
    `${scheme}://u:${SECRET.slice(0, 4)}#${SECRET.slice(4)}@${hostPort}/db`, // unencoded "#"
    `${scheme}://u:${SECRET.slice(0, 4)}@${SECRET.slice(4)}@${hostPort}/db`, // unencoded "@"
    `${scheme}://u:${SECRET}%zz@${hostPort}/db`, // bad percent-encoding
    `${scheme}://u:${SECRET}@${hostPort}:99999/db`, // bad port
    `${scheme}://u:${SECRET}@[${hostPort}/db`, // open bracket
    `${scheme}//u:${SECRET}@${hostPort}/db`, // no colon after the scheme
    `${scheme}://u:${SECRET}@${hostPort}/db?connect_timeout=x`, // bad parameter
    `${scheme}://u:${SECRET}@${hostPort}/nosuch_db_retort`, // well formed, wrong password or database
  ];
}

const FAMILIES: Record<string, string> = {
  postgres: "127.0.0.1:5432",
  postgresql: "127.0.0.1:5432",
  mysql: "127.0.0.1:3306",
  mariadb: "127.0.0.1:3306",
  sqlite: "127.0.0.1",
};

function expectNoSecret(text: string, context: string): void {
  expect(text, context).not.to.include(SECRET);
  for (const f of FRAGMENTS) expect(text, context).not.to.include(f);
}

describe("secrets: malformed URLs never print the password", function () {
  this.timeout(600_000);
  let project: FixtureProject;

  before(() => {
    project = fixtureProject({
      "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"] }),
      "src/entities/user.ts": 'import { Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n}\n',
    });
  });
  after(() => project?.remove());

  for (const [scheme, hostPort] of Object.entries(FAMILIES)) {
    it(`${scheme}: through --url, DATABASE_URL and the config, human and --json`, () => {
      for (const url of malformedUrls(scheme, hostPort)) {
        const viaFlag = runRetort(["check", "--url", url], project.dir);
        const viaEnv = runRetort(["current", "--json"], project.dir, { DATABASE_URL: url });
        for (const run of [viaFlag, viaEnv]) {
          const context = `${url}\n${run.stdout}\n${run.stderr}`;
          expectNoSecret(run.stdout + run.stderr, context);
          // A sqlite: URL is a file path, and most of these are valid (odd) file names.
          if (scheme !== "sqlite") expect(run.code, context).to.equal(2);
        }
        if (scheme !== "sqlite") expect(viaEnv.stdout, url).to.match(/^\{\s*"error"/);
      }
    });
  }

  it("a URL in the config file, and a DataSource password holding @ and /", () => {
    project.write("retort.config.json", JSON.stringify({ entities: ["./src/entities/*.ts"], url: `postgres:/u:${SECRET}@127.0.0.1/db` }));
    const fromConfig = runRetort(["check", "--json"], project.dir);
    expectNoSecret(fromConfig.stdout + fromConfig.stderr, fromConfig.stderr);
    expect(fromConfig.code).to.equal(2);
    project.write(
      "src/data-source.ts",
      `import { DataSource } from "typeorm";\nexport default new DataSource({ type: "postgres", host: "127.0.0.1", port: 1, username: "u", password: "${SECRET.slice(0, 4)}@/${SECRET.slice(4)}", database: "db", entities: [] });\n`,
    );
    project.write("retort.config.json", JSON.stringify({ dataSource: "./src/data-source.ts" }));
    const fromDataSource = runRetort(["upgrade", "-v"], project.dir);
    expectNoSecret(fromDataSource.stdout + fromDataSource.stderr, fromDataSource.stderr);
    expect(fromDataSource.stderr).to.include("127.0.0.1:1");
  });
});
