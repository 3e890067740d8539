// The packages as a registry user gets them (issue 9): packed, published to a local
// Verdaccio, and installed with a plain `npm install -D @retort/cli` into fresh projects
// of the shapes users have, without this repo's lockfile. Needs the npm registry (the
// local registry's uplink) and the test databases. RETORT_E2E_SHAPES=typeorm-init,…
// runs only some shapes; RETORT_E2E_KEEP=1 keeps the projects for a look afterwards.
import { requiredFamilies, selectedTargets } from "@retort/testing";
import { SHAPES } from "./shapes";
import { E2eRun } from "./support/e2e-run";
import { UPSTREAM } from "./support/local-registry";
import { describeShape } from "./support/shape";

const only = process.env.RETORT_E2E_SHAPES?.split(",").map((s) => s.trim());
const targets = new Set(selectedTargets().map((t) => t.name));
// The shapes without a native build first: their steps run while the others still compile.
const shapes = SHAPES.filter((s) => targets.has(s.target) && (!only || only.includes(s.fixture))).sort(
  (a, b) => Number(!!a.nativeBuild) - Number(!!b.nativeBuild),
);

(shapes.length ? describe : describe.skip)("end to end: @retort/cli installed from a local npm registry", function () {
  let e2e: E2eRun | undefined;

  before(async function () {
    this.timeout(10 * 60_000);
    const unreachable = await npmRegistryUnreachable();
    if (unreachable) {
      // As for an unreachable database server: a failure in CI, pending on a laptop offline.
      if (process.env.CI || requiredFamilies().size > 0) throw new Error(`the npm registry (the local registry's uplink) is unreachable: ${unreachable}`);
      console.warn(`  the npm registry is unreachable, the end-to-end shapes are pending: ${unreachable}`);
      this.skip();
    }
    e2e = new E2eRun();
    // Native SQLite builds take longest: their installs start first.
    await e2e.start([...shapes].reverse().map((s) => s.fixture));
  });

  after(async function () {
    this.timeout(10 * 60_000);
    await e2e?.finish();
  });

  for (const shape of shapes) {
    describeShape(shape, () => {
      if (!e2e) throw new Error("the local registry was not set up (see the before hook's failure)");
      return e2e;
    });
  }
});

async function npmRegistryUnreachable(): Promise<string | undefined> {
  try {
    const response = await fetch(`${UPSTREAM}typeorm`, { method: "HEAD", signal: AbortSignal.timeout(15_000) });
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
