import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, requiredFamilies, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { jsonDiff, withoutColumnOrder } from "../roundtrip/schema-equality";
import { runRetort, type RetortRun } from "../support/run-retort";
import type { FixtureProject } from "../support/fixture-project";
import { appProject, runTypeorm, typeormPending } from "./app-project";
import { CaseFailure, runCase } from "./case-outcome";
import { fetchPackage } from "./corpus-cache";
import { FLOWISE } from "./flowise";
import { CASE_TITLES, KNOWN_FAILURES, knownFailure, type RealAppCase } from "./known-failures";
import { MEDUSA } from "./medusa";
import { N8N } from "./n8n";
import type { RealApp } from "./real-app";

/** Real applications' entities (issue 11 item 5, docs/real-apps.md) on every engine they run on. */

const APPS: readonly RealApp[] = [FLOWISE, MEDUSA, N8N];

/** Tables only one side has by design: retort's bookkeeping. */
const BOOKKEEPING = /^retort_version/;

function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

/** `retort check` exits 0, or fails with the difference lines it printed. */
function expectCheckClean(dir: string): void {
  const run = runRetort(["check"], dir);
  if (run.code === 0) return;
  // Each difference line, without the `file:line: ` of the entity when check names one.
  const differences = run.stdout
    .split("\n")
    .map((l) => /^\s+(?:\S+:\d+: )?([-+~] .*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
  if (run.code !== 1 || differences.length === 0) expectExit(run, 0, "retort check on the synchronized database");
  throw new CaseFailure(`retort check found ${differences.length} difference(s) on the synchronized database:`, differences);
}

/** The two schemas are equal up to column position, or it fails with the names of the tables (enums, views) that differ. */
function expectSameSchema(actual: SchemaModel, expected: SchemaModel): void {
  const a = withoutColumnOrder(actual);
  const e = withoutColumnOrder(expected);
  if (JSON.stringify(a) === JSON.stringify(e)) return;
  const byName = (m: SchemaModel) => new Map<string, unknown>([
    ...m.tables.map((t) => [`table ${t.name}`, t] as const),
    ...m.enums.map((x) => [`enum ${x.name}`, x] as const),
    ...m.views.map((v) => [`view ${v.name}`, v] as const),
  ]);
  const am = byName(a);
  const em = byName(e);
  const names = [...new Set([...am.keys(), ...em.keys()])].filter((n) => JSON.stringify(am.get(n)) !== JSON.stringify(em.get(n))).sort();
  throw new CaseFailure(`the migrated database differs from the synchronized one (+ migrated, - synchronized):\n${jsonDiff(a, e)}\ndiffering:`, names);
}

/** The database's schema without retort's bookkeeping, named alike whichever database it was read from. */
async function reflected(url: string): Promise<SchemaModel> {
  const db = await connect(url);
  try {
    const model = await introspect(db, {});
    return { ...model, defaultSchema: "<default>", tables: model.tables.filter((t) => !BOOKKEEPING.test(t.name)) };
  } finally {
    await db.close();
  }
}

/** Runs a case, held to KNOWN_FAILURES (see runCase). */
function realAppCase(app: RealApp, engine: RealApp["engines"][number], kase: RealAppCase, body: () => Promise<void> | void): Promise<void> {
  return runCase(`${app.name} × ${engine} × ${kase}`, knownFailure(app.name, engine, kase), body);
}

function caseTitle(app: RealApp, engine: RealApp["engines"][number], kase: RealAppCase): string {
  const known = knownFailure(app.name, engine, kase);
  return known ? `${CASE_TITLES[kase]} — known failure, still failing (${known.owner})` : CASE_TITLES[kase];
}

describe("real apps: KNOWN_FAILURES", () => {
  const listed = { app: "a", engine: "postgres", case: "sync-check", owner: "o", reason: "r", symptom: /^old$/ } as const;
  it("a listed case that passes fails, saying to remove it", async () => {
    const error = await runCase("a × postgres × sync-check", listed, () => undefined).then(() => undefined, (e: Error) => e);
    expect(error?.message).to.match(/^a × postgres × sync-check passes now: remove it from KNOWN_FAILURES/);
  });
  it("a listed case that fails otherwise than its symptom fails; one that fails as listed passes", async () => {
    const other = await runCase("x", listed, () => Promise.reject(new CaseFailure("diff:", ["old", "new"]))).then(() => undefined, (e: Error) => e);
    expect(other?.message).to.match(/^x is a known failure \(o\) but fails differently than listed/);
    await runCase("x", listed, () => Promise.reject(new CaseFailure("diff:", ["old", "old"])));
  });
  it("an unlisted case that fails fails", async () => {
    const error = await runCase("x", undefined, () => Promise.reject(new Error("boom"))).then(() => undefined, (e: Error) => e);
    expect(error?.message).to.equal("boom");
  });

  it("lists only cases the suite runs, each once", () => {
    const keys = KNOWN_FAILURES.map((k) => `${k.app} × ${k.engine} × ${k.case}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i), "listed twice").to.deep.equal([]);
    for (const k of KNOWN_FAILURES) {
      const app = APPS.find((a) => a.name === k.app);
      expect(app?.engines ?? [], `${k.app} × ${k.engine} × ${k.case}: no such app or engine`).to.include(k.engine);
      expect(Object.keys(CASE_TITLES), `${k.app} × ${k.engine}: no case ${k.case}`).to.include(k.case);
    }
  });
});

for (const app of APPS) {
  describeEachTarget(
    `real app ${app.name} ${app.version}`,
    (ctx) => {
      const engine = ctx.target.name;
      let project: FixtureProject;
      let migrated: TestDatabase;
      let synchronized: SchemaModel;
      // retort's migrations on the empty database, run once for (b) and (c), whichever runs first.
      let migration: Promise<void> | undefined;
      const migrate = () =>
        (migration ??= (async () => {
          expectExit(runRetort(["autogen", "-m", "init", "--url", migrated.url], project.dir, {}, 120_000), 0, "autogen on the empty database");
          expectExit(runRetort(["upgrade", "--url", migrated.url], project.dir, {}, 120_000), 0, "upgrade on the empty database");
        })());
      before(async function () {
        this.timeout(180_000);
        try {
          fetchPackage(app.npmPackage, app.version);
        } catch (e) {
          // As for an unreachable database server: a failure in CI, pending on a laptop offline.
          if (process.env.CI || requiredFamilies().size > 0) throw e;
          console.warn(`  ${app.npmPackage}@${app.version} could not be fetched, its cases are pending: ${(e as Error).message}`);
          this.skip();
        }
        migrated = await createTestDatabase(ctx.target);
        project = appProject(app, ctx.db);
        runTypeorm(project, "synchronize", ctx.db);
        synchronized = await reflected(ctx.db.url);
        expect(synchronized.tables.length, "tables TypeORM's synchronize built from the app's entities").to.equal(app.tables);
      });
      after(async () => {
        project?.remove();
        await migrated?.drop();
      });

      it(caseTitle(app, engine, "sync-check"), async function () {
        this.timeout(120_000);
        await realAppCase(app, engine, "sync-check", () => expectCheckClean(project.dir));
      });

      it(caseTitle(app, engine, "migrations-match-sync"), async function () {
        this.timeout(240_000);
        await realAppCase(app, engine, "migrations-match-sync", async () => {
          await migrate();
          expectSameSchema(await reflected(migrated.url), synchronized);
        });
      });

      it(caseTitle(app, engine, "typeorm-agrees"), async function () {
        this.timeout(240_000);
        await realAppCase(app, engine, "typeorm-agrees", async () => {
          await migrate();
          // Held to what TypeORM does on the database it built itself: for a table mapped
          // twice it re-creates keys and columns on every run there too (docs/real-apps.md).
          const own = typeormPending(project, ctx.db);
          const beyondOwn = withoutEach(typeormPending(project, migrated), own);
          if (beyondOwn.length > 0) throw new CaseFailure("TypeORM would run on the database retort built, beyond what it runs on its own:", beyondOwn);
        });
      });
    },
    { targets: app.engines },
  );
}

/** `items` less one occurrence of each of `taken`. */
function withoutEach(items: readonly string[], taken: readonly string[]): string[] {
  const left = [...items];
  for (const t of taken) {
    const i = left.indexOf(t);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}
