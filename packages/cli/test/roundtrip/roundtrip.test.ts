import { describeEachTarget } from "@retort/testing";
import fc from "fast-check";
import { caseArb } from "./generators";
import { runCase, type RoundtripStats } from "./roundtrip-property";
import { RoundtripSession } from "./roundtrip-session";

/** CI runs a fixed seed; `npm run fuzz` sets RETORT_FUZZ_SEED / RETORT_FUZZ_RUNS. */
const SEED = Number(process.env.RETORT_FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.RETORT_FUZZ_RUNS ?? 200);
/** Changes per case after the initial entity set (each one a full round-trip step). */
const MAX_CHANGES = Number(process.env.RETORT_FUZZ_CHANGES ?? 5);

describeEachTarget("round trip: autogen → upgrade → check → downgrade -1 restores the schema and rows", (ctx) => {
  let session: RoundtripSession;
  const stats: RoundtripStats = { cases: 0, steps: 0 };

  before(async () => {
    session = await RoundtripSession.open(ctx.db);
  });
  after(async () => {
    await session?.close();
  });

  it(`holds for ${RUNS} random entity sets and changes (seed ${SEED})`, async function () {
    this.timeout(0);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(caseArb(ctx.target.family, MAX_CHANGES), (c) => runCase(session, c, stats)),
      { seed: SEED, numRuns: RUNS },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`      ${ctx.target.name}: ${stats.cases} cases, ${stats.steps} round-trip steps in ${seconds.toFixed(1)} s`);
  });
});
