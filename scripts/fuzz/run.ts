// `npm run fuzz`: the round-trip property (packages/cli/test/roundtrip) with a random
// seed and many runs, on every target (RETORT_TEST_TARGETS narrows them).
//   RETORT_FUZZ_SEED=…     replay a failure (the seed is printed first)
//   RETORT_FUZZ_RUNS=…     cases per target (default 1000)
//   RETORT_FUZZ_CHANGES=…  changes per case (default 5)
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");
const seed = process.env.RETORT_FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
const runs = process.env.RETORT_FUZZ_RUNS ?? "1000";
const targets = process.env.RETORT_TEST_TARGETS ? `RETORT_TEST_TARGETS=${process.env.RETORT_TEST_TARGETS} ` : "";
const replay = `${targets}RETORT_FUZZ_SEED=${seed} RETORT_FUZZ_RUNS=${runs} npm run fuzz`;

console.log(`round-trip fuzz: seed ${seed}, ${runs} runs per target`);
console.log(`replay with: ${replay}`);

const mocha = spawnSync(
  process.execPath,
  [require.resolve("mocha/bin/mocha.js", { paths: [root] }), "--timeout", "0", join(root, "packages/cli/dist/test/roundtrip/roundtrip.test.js")],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      RETORT_FUZZ_SEED: seed,
      RETORT_FUZZ_RUNS: runs,
      // Thousands of one-off migration files: keep them out of the shared compile cache.
      RETORT_COMPILE_CACHE: "0",
    },
  },
);
if (mocha.status !== 0) console.log(`\nround-trip fuzz failed; replay with: ${replay}`);
process.exit(mocha.status ?? 1);
