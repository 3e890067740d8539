import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";
import { expectSameSchema } from "./roundtrip/schema-equality";
import { CHECKS_ON_MYSQL, FEATURES, UNKNOWN_CHARSET, type Family, type Feature } from "./synchronize-features/features";

/**
 * Issue 11 item 2, the matrix of docs/synchronize-features.md: for every feature TypeORM's
 * synchronize creates on an engine, three cases — synchronize → `check` exits 0; the
 * user's edit is detected as the right operation; retort's own migrations (autogen →
 * upgrade) build the database synchronize built, and downgrade -1 undoes the edit.
 */

const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';
const MODULE = "src/entities/model.ts";
const BOOKKEEPING = ["retort_version", "retort_version_applied", "typeorm_metadata"];

const SYNCHRONIZE = `import ds from "./src/data-source";
ds.initialize().then(() => ds.synchronize()).then(() => ds.destroy()).catch((e) => { console.error(e); process.exit(1); });
`;

function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

async function withDb<T>(url: string, use: (db: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** The reflected schema without bookkeeping tables, the default schema's name left out. */
function reflected(url: string): Promise<SchemaModel> {
  return withDb(url, async (db) => {
    const model = await introspect(db, {});
    return { ...model, defaultSchema: "", tables: model.tables.filter((t) => !BOOKKEEPING.includes(t.name) && !t.name.startsWith("retort_version")) };
  });
}

function diffKinds(project: FixtureProject): string[] {
  const run = runRetort(["check", "--json"], project.dir);
  expect(run.stderr, run.stderr).to.equal("");
  const doc = JSON.parse(run.stdout) as { operations: { kind: string; table: string | null; column: string | null; name: string | null }[] };
  return doc.operations.map((o) => `${o.kind} ${o.name ?? (o.column === null ? o.table : `${o.table}.${o.column}`)}`).sort();
}

function synchronize(project: FixtureProject): void {
  project.write("sync.ts", SYNCHRONIZE);
  const run = spawnSync(process.execPath, ["-e", `require("@retort/loader").loadModule(${JSON.stringify(`${project.dir}/sync.ts`)})`], {
    cwd: project.dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, `synchronize failed: ${run.stderr}${run.stdout}`).to.equal(0);
}

function projectOn(targetName: string, db: TestDatabase, source: string): FixtureProject {
  return fixtureProject(
    { [MODULE]: source, "src/data-source.ts": dataSourceModule(targetName, db.url), "retort.config.ts": CONFIG },
    { typeorm: typeormFor(targetName) },
  );
}

function describeFeature(feature: Feature, family: Family, target: TestDatabase["target"]): void {
  describe(feature.name, () => {
    let synced: TestDatabase;
    let migrated: TestDatabase;
    let syncProject: FixtureProject;
    let migrateProject: FixtureProject;
    before(async function () {
      this.timeout(60_000);
      synced = await createTestDatabase(target);
      migrated = await createTestDatabase(target);
      const setup = feature.setup?.(family) ?? null;
      if (setup !== null) for (const db of [synced, migrated]) await withDb(db.url, (c) => c.query(setup));
      syncProject = projectOn(target.name, synced, feature.entities(family));
      migrateProject = projectOn(target.name, migrated, feature.entities(family));
    });
    after(async function () {
      this.timeout(120_000); // DROP DATABASE waits for the server, busy when sessions run side by side
      syncProject?.remove();
      migrateProject?.remove();
      await synced?.drop();
      await migrated?.drop();
    });

    it("no spurious difference: synchronize → check exits 0", function () {
      this.timeout(120_000);
      synchronize(syncProject);
      expectExit(runRetort(["check"], syncProject.dir), 0, "check after synchronize");
    });

    it("round trip: autogen + upgrade build synchronize's database; the edit's downgrade -1 restores it", async function () {
      this.timeout(240_000);
      expectExit(runRetort(["autogen", "-m", "init"], migrateProject.dir), 0, "autogen");
      expectExit(runRetort(["upgrade"], migrateProject.dir), 0, "upgrade");
      // Equal to synchronize's database, which checks clean: so this one does too.
      const built = await reflected(migrated.url);
      expectSameSchema(built, await reflected(synced.url), "retort's migrations vs synchronize");
      if (feature.undetectedOn?.includes(family)) return; // no edit to migrate: see the detection case
      migrateProject.write(MODULE, feature.edited(family));
      expectExit(runRetort(["autogen", "-m", "edit"], migrateProject.dir), 0, "autogen of the edit");
      expectExit(runRetort(["upgrade"], migrateProject.dir), 0, "upgrade of the edit");
      expectExit(runRetort(["check"], migrateProject.dir), 0, "check after the edit's upgrade");
      expectExit(runRetort(["downgrade", "-1"], migrateProject.dir), 0, "downgrade -1");
      expectSameSchema(await reflected(migrated.url), built, "after downgrade -1");
    });

    it("detection: the edit is reported as the right operation", function () {
      this.timeout(60_000);
      syncProject.write(MODULE, feature.edited(family));
      expect(diffKinds(syncProject)).to.deep.equal([...feature.detected(family)].sort());
    });
  });
}

describeEachTarget(
  "what synchronize creates: @Check on MySQL/MariaDB, which TypeORM's driver does not create",
  (ctx) => {
    it("synchronize leaves the checks out; check reports them, retort's migration creates them", async function () {
      this.timeout(180_000);
      const project = projectOn(ctx.target.name, ctx.db, CHECKS_ON_MYSQL());
      try {
        synchronize(project);
        expect(diffKinds(project)).to.deep.equal(["add_check reading_level", "add_check reading_low", "add_check reading_unit"]);
        expectExit(runRetort(["autogen", "-m", "checks"], project.dir), 0, "autogen");
        expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade");
        expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
        expect((await reflected(ctx.db.url)).tables.find((t) => t.name === "reading")?.checks.map((c) => c.name)).to.deep.equal([
          "reading_level",
          "reading_low",
          "reading_unit",
        ]);
      } finally {
        project.remove();
      }
    });
  },
  { targets: ["mariadb"] },
);

describeEachTarget(
  "a charset-only column whose charset retort does not know (MySQL/MariaDB)",
  (ctx) => {
    it("check refuses it in one line naming the column and asking for its collation", function () {
      this.timeout(60_000);
      const project = projectOn(ctx.target.name, ctx.db, UNKNOWN_CHARSET());
      try {
        const run = runRetort(["check"], project.dir);
        expect(run.code, run.stdout).to.not.equal(0);
        const lines = run.stderr.trim().split("\n");
        expect(lines, run.stderr).to.have.length(1);
        expect(lines[0]).to.include('label.legacy: charset "koi8r" without a collation');
        expect(lines[0]).to.not.match(/\bat .*\.js:\d+/);
      } finally {
        project.remove();
      }
    });
  },
  { targets: ["mariadb"] },
);

describeEachTarget(
  "what synchronize creates: check 0, detection, round trip",
  (ctx) => {
    for (const feature of FEATURES) if (feature.engines.includes(ctx.target.family)) describeFeature(feature, ctx.target.family, ctx.target);
  },
  { targets: ["postgres", "mariadb", "sqlite"] },
);
