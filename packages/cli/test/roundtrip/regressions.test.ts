import { describeOperations } from "@retort/compare";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { RoundtripCase } from "./generators";
import { runCase, type RoundtripStats } from "./roundtrip-property";
import { RoundtripSession } from "./roundtrip-session";
import type { ColumnSpec, EntitySpec } from "./schema-spec";

const intColumn = (name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  kind: "int",
  length: 8,
  precision: 4,
  scale: 0,
  nullable: true,
  defaultChoice: null,
  unique: false,
  enumValues: [],
  ...extra,
});

const entity = (name: string, extra: Partial<EntitySpec> = {}): EntitySpec => ({ name, columns: [], indexes: [], fks: [], ...extra });

/** Cases the property found, kept as fixed examples (each: the shrunk counterexample). */
const REGRESSIONS: readonly { readonly title: string; readonly case: RoundtripCase }[] = [
  {
    // SQLite: the FK closing a cycle was a plain createForeignKey after both createTables,
    // which SQLite cannot ALTER in (codegen's batch grouping left it out of a batch).
    title: "two tables referencing each other, created and dropped in one revision",
    case: {
      initial: {
        entities: [
          entity("t_a"),
          entity("t_b", { fks: [{ name: "f_0", target: "t_d", onDelete: null }] }),
          entity("t_c"),
          entity("t_d", { fks: [{ name: "f_0", target: "t_b", onDelete: null }] }),
        ],
      },
      changes: [{ kind: "dropEntity", pick: 1 }],
    },
  },
  {
    title: "a dropped column that was NOT NULL and unique comes back on a downgrade",
    case: {
      initial: { entities: [entity("t_a", { columns: [intColumn("c_0", { nullable: false, unique: true, defaultChoice: 0 })] })] },
      changes: [{ kind: "dropColumn", pick: 0, pickColumn: 0 }],
    },
  },
  {
    // PostgreSQL: a type change moves the default as `(0)::bigint`; the reflection kept
    // the cast, so check found a default change right after the upgrade.
    title: "an int with a default widened to bigint, a decimal with a default widened",
    case: {
      initial: {
        entities: [
          entity("t_a", {
            columns: [intColumn("c_0", { nullable: false, defaultChoice: 2 }), intColumn("c_1", { kind: "decimal", precision: 6, scale: 2, defaultChoice: 1 })],
          }),
        ],
      },
      changes: [
        { kind: "widenType", pick: 0, pickColumn: 0, by: 1 },
        { kind: "widenType", pick: 0, pickColumn: 1, by: 4 },
      ],
    },
  },
];

describeEachTarget("round trip: cases the property found", (ctx) => {
  let session: RoundtripSession;
  before(async () => {
    session = await RoundtripSession.open(ctx.db);
  });
  after(async () => {
    await session?.close();
  });

  for (const r of REGRESSIONS) {
    it(r.title, async () => {
      const stats: RoundtripStats = { cases: 0, steps: 0 };
      await runCase(session, r.case, stats);
      expect(stats).to.deep.equal({ cases: 1, steps: r.case.changes.length });
    });
  }
});

describeEachTarget(
  "round trip: EntitySchema indexes on MySQL",
  (ctx) => {
    let session: RoundtripSession;
    before(async () => {
      session = await RoundtripSession.open(ctx.db);
    });
    after(async () => {
      await session?.close();
    });

    // docs/reference.md §3: a unique index declared as an index is add_index, a unique constraint
    // add_unique. EntitySchema indexes are not in TypeORM's decorator registry, which is
    // how the model told the two apart: they came out as add_unique.
    it("reports a unique index declared in EntitySchema `indices` as add_index, a unique column as add_unique", async () => {
      await session.reset();
      await session.autogen({ entities: [entity("t_a", { columns: [intColumn("c_0"), intColumn("c_1")] })] }, "create");
      await session.upgrade("head");
      const next = {
        entities: [
          entity("t_a", {
            columns: [intColumn("c_0"), intColumn("c_1", { unique: true })],
            indexes: [{ name: "ix_t_a_0", columns: ["c_0"], kind: "unique" }],
          }),
        ],
      };
      const entries = describeOperations(await session.diff(next)).map((e) => `${e.kind} ${e.name}`);
      expect(entries).to.have.length(2);
      expect(entries).to.include("add_index ix_t_a_0");
      expect(entries.find((e) => e !== "add_index ix_t_a_0")).to.match(/^add_unique /);
    });
  },
  { families: ["mysql"] },
);
