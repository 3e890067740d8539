import { describeEachTarget } from "@retort/testing";
import fc from "fast-check";
import { caseArb } from "./generators";
import { runCase, type RoundtripStats } from "./roundtrip-property";
import { RoundtripSession } from "./roundtrip-session";

/**
 * The round-trip property with the Prisma source: the same random sets and changes,
 * rendered as schema.prisma (prisma-schemas.ts) and built by @retort/prisma.
 * Fewer cases than the TypeORM run (README.md in this folder); same env overrides.
 */
const SEED = Number(process.env.RETORT_FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.RETORT_FUZZ_RUNS ?? 60);
const MAX_CHANGES = Number(process.env.RETORT_FUZZ_CHANGES ?? 5);

describeEachTarget(
  "round trip from a Prisma schema: autogen → upgrade → check → downgrade -1 restores the schema and rows",
  (ctx) => {
    let session: RoundtripSession;
    const stats: RoundtripStats = { cases: 0, steps: 0 };

    before(async () => {
      session = await RoundtripSession.open(ctx.db, "prisma");
    });
    after(async () => {
      await session?.close();
    });

    it(`holds for ${RUNS} random schemas and changes (seed ${SEED})`, async function () {
      this.timeout(0);
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(caseArb(ctx.target.family, MAX_CHANGES), (c) => runCase(session, c, stats)),
        { seed: SEED, numRuns: RUNS },
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(`      ${ctx.target.name}: ${stats.cases} cases, ${stats.steps} round-trip steps in ${seconds.toFixed(1)} s`);
    });
  },
  // One SQLite driver: the Prisma source does not depend on it.
  { targets: ["postgres", "mariadb", "sqlite"] },
);
