import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeEachTarget, type TestDatabase, type TestTarget } from "@retort/testing";
import type { E2eRun } from "./e2e-run";
import { REPO, type FreshProject } from "./fresh-project";
import { describeRun, type Run } from "./run";

/** A kind of project users have (issue 9), as a fixture under test/fixtures. */
export interface Shape {
  readonly title: string;
  readonly fixture: string;
  readonly target: TestTarget["name"];
  /** Its install compiles a native SQLite driver (a minute or more): started first. */
  readonly nativeBuild?: boolean;
  /** Where retort runs, its config lives and the project's tsc is run (default "."). */
  readonly appDir?: string;
  /** Placeholder values for the fixture's files and the environment its DataSource reads. */
  settings(db: TestDatabase): { placeholders?: Record<string, string>; env?: Record<string, string> };
  /** The entity change made after the first revision: `column` added. */
  readonly edit: { readonly file: string; readonly before: string; readonly after: string; readonly column: string };
  /** Adoption of a database built by TypeORM (shape f) instead of a first `autogen`. */
  readonly adoption?: {
    /** The command that builds the database, e.g. TypeORM's `migration:run`. */
    readonly build: readonly string[];
    /** The rows of TypeORM's migrations table, which retort must keep. */
    typeormMigrations(db: TestDatabase): Promise<string[]>;
  };
}

const CLI_VERSION = (JSON.parse(readFileSync(join(REPO, "packages", "cli", "package.json"), "utf8")) as { version: string }).version;
const IN_SYNC = "No new upgrade operations detected.";

function expectSuccess(r: Run): void {
  expect(r.code, describeRun(r)).to.equal(0);
}

/** The `revision` a migration file declares. */
function revisionOf(source: string): string {
  const id = /export const revision\s*=\s*"([^"]+)"/.exec(source)?.[1];
  if (!id) throw new Error(`no revision in:\n${source}`);
  return id;
}

/**
 * The whole flow a user goes through, on a fresh database of the shape's engine: install
 * from the registry → init → autogen (or baseline) → upgrade → check 0 → an entity edit →
 * autogen → upgrade → check 0 → the project's own tsc → downgrade -1. Each step is a
 * test; a step after a failed one fails too, naming it.
 */
export function describeShape(shape: Shape, e2e: () => E2eRun): void {
  describeEachTarget(
    `installed from the local registry: ${shape.title}`,
    (ctx) => {
      const appDir = shape.appDir ?? ".";
      let project: FreshProject;
      let env: Record<string, string> = {};
      let typeormRows: string[] = [];
      const revisions: string[] = [];
      let failed: string | undefined;

      const step = (title: string, body: () => Promise<void>, timeoutMs = 240_000): void => {
        it(title, async function () {
          this.timeout(timeoutMs);
          if (failed) throw new Error(`not run: an earlier step failed (${failed})`);
          try {
            await body();
          } catch (e) {
            failed = title;
            throw e;
          }
        });
      };
      const retort = (...args: string[]) => project.bin("retort", args, appDir, env);
      const autogen = async (message: string): Promise<string> => {
        const before = new Set(project.migrationFiles(join(appDir, "migrations")));
        const r = await retort("autogen", "-m", message);
        expectSuccess(r);
        const written = project.migrationFiles(join(appDir, "migrations")).filter((f) => !before.has(f));
        expect(written, describeRun(r)).to.have.length(1);
        return project.read(written[0]!);
      };
      const checkInSync = async (): Promise<void> => {
        const r = await retort("check");
        expectSuccess(r);
        expect(r.stdout).to.include(IN_SYNC);
      };

      step(
        "npm install -D @retort/cli installs from the registry, and npx retort runs its bin",
        async () => {
          const installed = await e2e().installed(shape.fixture);
          project = installed.project;
          expectSuccess(installed.ownDependencies);
          expectSuccess(installed.retort);
          const settings = shape.settings(ctx.db);
          project.fill(settings.placeholders ?? {});
          env = settings.env ?? {};
          const version = await project.npx(["retort", "--version"], appDir, env);
          expectSuccess(version);
          expect(version.stdout.trim()).to.equal(CLI_VERSION);
        },
        40 * 60_000,
      );

      if (shape.adoption) {
        const { build, typeormMigrations } = shape.adoption;
        step(`TypeORM builds the database first: ${build.join(" ")}`, async () => {
          expectSuccess(await project.bin(build[0]!, build.slice(1), appDir, env));
          typeormRows = await typeormMigrations(ctx.db);
          expect(typeormRows, "TypeORM's migrations table after migration:run").to.not.be.empty;
        });
      }

      step("retort init finds the DataSource", async () => {
        const r = await retort("init");
        expectSuccess(r);
        expect(r.stdout, describeRun(r)).to.include("Using the DataSource in");
      });

      if (shape.adoption) {
        step("retort baseline adopts the database: one revision, stamped, check exits 0", async () => {
          const r = await retort("baseline", "-m", "baseline");
          expectSuccess(r);
          const files = project.migrationFiles(join(appDir, "migrations"));
          expect(files, describeRun(r)).to.have.length(1);
          revisions.push(revisionOf(project.read(files[0]!)));
          await checkInSync();
        });
      } else {
        step("autogen writes the initial migration, upgrade applies it, check exits 0", async () => {
          revisions.push(revisionOf(await autogen("initial schema")));
          expectSuccess(await retort("upgrade"));
          await checkInSync();
        });
      }

      step(`after an entity edit (${shape.edit.column} added): autogen, upgrade, check exits 0`, async () => {
        project.edit(shape.edit.file, shape.edit.before, shape.edit.after);
        const source = await autogen(`add ${shape.edit.column}`);
        expect(source).to.include(shape.edit.column);
        revisions.push(revisionOf(source));
        expectSuccess(await retort("upgrade"));
        await checkInSync();
      });

      step("the generated files pass the project's own tsc --noEmit", async () => {
        expectSuccess(await project.bin("tsc", ["--noEmit"], appDir, env));
      });

      step("downgrade -1 goes back to the first revision", async () => {
        expectSuccess(await retort("downgrade", "-1"));
        const current = await retort("current", "--json");
        expectSuccess(current);
        const heads = (JSON.parse(current.stdout) as { heads: { revision: string }[] }).heads.map((h) => h.revision);
        expect(heads).to.deep.equal([revisions[0]]);
      });

      if (shape.adoption) {
        const { typeormMigrations } = shape.adoption;
        step("TypeORM's migrations table keeps every row", async () => {
          expect(await typeormMigrations(ctx.db)).to.deep.equal(typeormRows);
        });
      }
    },
    { targets: [shape.target] },
  );
}
