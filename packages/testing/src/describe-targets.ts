import { createTestDatabase, isReachable, type TestDatabase } from "./databases";
import { requiredFamilies, selectedTargets, type TestTarget } from "./targets";

export interface TargetContext {
  readonly target: TestTarget;
  /**
   * The database made for this describe block, set once its `before` hook has run: read
   * it inside hooks and tests (`ctx.db.url`), not while the block is being declared.
   */
  readonly db: TestDatabase;
}

/**
 * Registers `body` once per test target, inside a describe block that creates a fresh
 * database before and drops it after. An unreachable server fails the block when its
 * family is required (CI), and marks it pending otherwise: never a silent pass.
 */
export function describeEachTarget(
  title: string,
  body: (ctx: TargetContext) => void,
  options: { targets?: readonly TestTarget["name"][]; families?: readonly TestTarget["family"][] } = {},
): void {
  const targets = selectedTargets().filter(
    (t) =>
      (!options.targets || options.targets.includes(t.name)) &&
      (!options.families || options.families.includes(t.family)),
  );
  for (const target of targets) {
    describe(`${title} [${target.name}]`, function () {
      let db: TestDatabase | undefined;
      const ctx: TargetContext = {
        target,
        get db(): TestDatabase {
          if (!db) throw new Error(`no ${target.name} test database: its before hook did not run`);
          return db;
        },
      };
      before(async function () {
        const reachable = await isReachable(target);
        if (reachable !== true) {
          if (requiredFamilies().has(target.family)) {
            throw new Error(`${target.name} is required (RETORT_REQUIRE_DIALECTS) but unreachable: ${reachable}`);
          }
          console.warn(`  ${target.name} unreachable, its tests are pending: ${reachable}`);
          this.skip();
        }
        db = await createTestDatabase(target);
      });
      after(async () => {
        await db?.drop();
      });
      body(ctx);
    });
  }
}
