import { expect } from "chai";
import { column, columnType, type Operation } from "@retort/core";
import {
  directiveToInput,
  renderMigration,
  Rewriter,
  RewriteError,
  runRevisionHooks,
  type RevisionContext,
  type RevisionDirective,
} from "../src";
import { addColumn, on } from "./fixtures";

const ctx: RevisionContext = { dialect: "postgres", renderAsBatch: false, autogenerate: true };

function directive(upgradeOps: Operation[]): RevisionDirective {
  return {
    revId: "1a2b3c4d5e6f",
    message: "add email",
    downRevision: "0f9e8d7c6b5a",
    branchLabels: [],
    dependsOn: [],
    createdAt: "2026-11-27T04:00:00.000Z",
    upgradeOps,
    downgradeOps: null,
  };
}

/** Alembic's cookbook: add a NOT NULL column in two steps (add nullable, then alter). */
function twoStepNotNull(): Rewriter {
  return new Rewriter().rewrites("add_column", (_ctx, _rev, op) => {
    if (op.column.nullable) return op;
    return [
      { ...op, column: { ...op.column, nullable: true } },
      {
        kind: "alterColumn",
        schema: op.schema,
        table: op.table,
        column: op.column.name,
        changes: { nullable: { from: true, to: false } },
        existing: { ...op.column, nullable: true },
      },
    ];
  });
}

const email = column("email", columnType("varchar", { length: 255 }), { nullable: false });

describe("Rewriter", () => {
  it("expresses Alembic's two-step NOT NULL column, with the exact reverse as downgrade", async () => {
    const d = directive([addColumn("users", email), addColumn("users", column("nick", "text"))]);
    await runRevisionHooks(ctx, ["0f9e8d7c6b5a"], [d], { rewriter: twoStepNotNull() });
    expect(d.upgradeOps.map((o) => o.kind)).to.deep.equal(["addColumn", "alterColumn", "addColumn"]);
    const { source } = await renderMigration(directiveToInput(d, ctx));
    const [up, down] = source.split("export async function downgrade");
    expect(up).to.include('await op.addColumn("users", { name: "email", type: "varchar(255)", nullable: true });');
    expect(up).to.include(
      'await op.alterColumn("users", "email", { existingType: "varchar(255)", nullable: false, existingNullable: true });',
    );
    expect(down).to.include(
      'await op.alterColumn("users", "email", { existingType: "varchar(255)", nullable: true, existingNullable: false });',
    );
    expect(down).to.include('await op.dropColumn("users", "email");');
    expect(down.indexOf('op.alterColumn("users", "email"')).to.be.lessThan(down.indexOf('op.dropColumn("users", "email")'));
  });

  it("accepts camelCase kinds, removes operations for null, and passes ctx and revision", () => {
    const seen: [RevisionContext, readonly string[]][] = [];
    const rewriter = new Rewriter()
      .rewrites("dropColumn", (c, rev) => {
        seen.push([c, rev]);
        return null;
      })
      .rewrites("addColumn", (_c, _r, op) => ({ ...op, table: "people" }));
    const ops = [addColumn("users", email), { kind: "dropColumn", ...on("users"), column: email } as Operation];
    const out = rewriter.rewrite(ctx, ["abc"], ops);
    expect(out).to.deep.equal([{ ...ops[0], table: "people" }]);
    expect(seen).to.deep.equal([[ctx, ["abc"]]]);
  });

  it("recurses into batchAlterTable blocks", () => {
    const batch: Operation = { kind: "batchAlterTable", ...on("users"), recreate: "auto", operations: [addColumn("users", email) as never] };
    const [out] = twoStepNotNull().rewrite(ctx, [], [batch]);
    expect((out as Extract<Operation, { kind: "batchAlterTable" }>).operations.map((o) => o.kind)).to.deep.equal(["addColumn", "alterColumn"]);
  });

  it("refuses a rewrite that puts another table's operation into a batch block", () => {
    const batch: Operation = { kind: "batchAlterTable", ...on("users"), recreate: "auto", operations: [addColumn("users", email) as never] };
    const rewriter = new Rewriter().rewrites("addColumn", (_c, _r, op) => ({ ...op, table: "other" }));
    expect(() => rewriter.rewrite(ctx, [], [batch])).to.throw(RewriteError, /inside the batchAlterTable block of "users"/);
  });

  it("runs hooks in order, each on the output of the previous ones, and chains rewriters", () => {
    const order: string[] = [];
    const a = new Rewriter().rewrites("addColumn", (_c, _r, op) => {
      order.push(`a:${op.column.name}`);
      return [op, { ...op, column: { ...op.column, name: `${op.column.name}2` } }];
    });
    const b = new Rewriter().rewrites("addColumn", (_c, _r, op) => {
      order.push(`b:${op.column.name}`);
      return op;
    });
    a.chain(b).rewrite(ctx, [], [addColumn("users", email)]);
    expect(order).to.deep.equal(["a:email", "b:email", "b:email2"]);
  });
});

describe("processRevisionDirectives", () => {
  it("may empty the directives so that no file is written", async () => {
    const directives = [directive([])];
    await runRevisionHooks(ctx, [], directives, {
      processRevisionDirectives: (c, _rev, ds) => {
        if (c.autogenerate && ds[0]?.upgradeOps.length === 0) ds.splice(0);
      },
    });
    expect(directives).to.deep.equal([]);
  });

  it("may make a one-way migration, rename the revision and change the message, after the rewriter", async () => {
    const d = directive([addColumn("users", email)]);
    await runRevisionHooks(ctx, [], [d], {
      rewriter: twoStepNotNull(),
      processRevisionDirectives: async (_c, _rev, [first]) => {
        expect(first!.upgradeOps).to.have.length(2); // the rewriter ran first
        first!.downgradeOps = [];
        first!.revId = "feedface0001";
        first!.message = "one way";
      },
    });
    const { source } = await renderMigration(directiveToInput(d, ctx));
    expect(source).to.include('export const revision = "feedface0001";');
    expect(source).to.include('export const message = "one way";');
    expect(source).to.match(/export async function downgrade\(_op: MigrationOperations\): Promise<void> \{\s*\}\s*$/);
  });

  it("uses the rewriter itself as a processRevisionDirectives hook", async () => {
    const d = directive([addColumn("users", email)]);
    await runRevisionHooks(ctx, [], [d], { processRevisionDirectives: twoStepNotNull().processRevisionDirectives });
    expect(d.upgradeOps.map((o) => o.kind)).to.deep.equal(["addColumn", "alterColumn"]);
  });
});
