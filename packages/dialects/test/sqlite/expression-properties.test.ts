import fc from "fast-check";
import { type Queryable } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect, sqliteRules } from "../../src";

/**
 * Random expressions over columns a, b and "c d", each written twice with different
 * quoting, keyword case, spacing, comments and redundant outer parentheses: both
 * spellings must normalise alike, and the normal form must be a fixed point.
 */
interface Spelling {
  readonly quote: (name: string) => string;
  readonly keyword: (word: string) => string;
  readonly space: string;
}

type Expr =
  | { kind: "column"; name: string }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "call"; fn: string; args: Expr[] }
  | { kind: "binary"; op: string; left: Expr; right: Expr }
  | { kind: "logic"; op: "AND" | "OR"; left: Expr; right: Expr }
  | { kind: "isNull"; not: boolean; operand: Expr };

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom("a", "b", "c d").map((name): Expr => ({ kind: "column", name })),
  fc.integer({ min: 0, max: 1000 }).map((value): Expr => ({ kind: "number", value })),
  fc.constantFrom("x", "it's", "(", "a,b", "").map((value): Expr => ({ kind: "string", value })),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant("call" as const),
      fn: fc.constantFrom("lower", "length", "abs"),
      args: fc.tuple(tie("e")).map((t) => [...t]),
    }),
    fc.record({
      kind: fc.constant("binary" as const),
      op: fc.constantFrom("=", "<>", ">=", "+", "||"),
      left: tie("e"),
      right: tie("e"),
    }),
    fc.record({
      kind: fc.constant("logic" as const),
      op: fc.constantFrom("AND" as const, "OR" as const),
      left: tie("e"),
      right: tie("e"),
    }),
    fc.record({ kind: fc.constant("isNull" as const), not: fc.boolean(), operand: tie("e") }),
  ),
})).e;

const spelling: fc.Arbitrary<Spelling> = fc.record({
  quote: fc.constantFrom(
    (n: string) => (n.includes(" ") ? `"${n}"` : n),
    (n: string) => `"${n}"`,
    (n: string) => `\`${n}\``,
    (n: string) => `[${n}]`,
  ),
  keyword: fc.constantFrom(
    (w: string) => w,
    (w: string) => w.toLowerCase(),
  ),
  space: fc.constantFrom(" ", "  ", "\n\t", " /* note */ "),
});

/** Sub-expressions are always parenthesised, so grouping is the same in every spelling. */
function write(e: Expr, s: Spelling): string {
  switch (e.kind) {
    case "column":
      return s.quote(e.name);
    case "number":
      return String(e.value);
    case "string":
      return `'${e.value.replace(/'/g, "''")}'`;
    case "call":
      return `${s.keyword(e.fn.toUpperCase())}(${e.args.map((a) => write(a, s)).join(`,${s.space}`)})`;
    case "binary":
      return `(${write(e.left, s)}${s.space}${e.op}${s.space}${write(e.right, s)})`;
    case "logic":
      return `(${write(e.left, s)}${s.space}${s.keyword(e.op)}${s.space}${write(e.right, s)})`;
    case "isNull":
      return `(${write(e.operand, s)}${s.space}${s.keyword(e.not ? "IS NOT NULL" : "IS NULL")})`;
  }
}

describe("sqlite expression normalisation properties", () => {
  it("gives one form for every spelling of an expression, and that form is a fixed point", () => {
    fc.assert(
      fc.property(expr, spelling, spelling, fc.boolean(), (e, first, second, extraParens) => {
        const one = sqliteRules.normalizeExpression(write(e, first));
        const written = write(e, second);
        expect(sqliteRules.normalizeExpression(extraParens ? `((${written}))` : written)).to.equal(one);
        expect(sqliteRules.normalizeExpression(one)).to.equal(one);
      }),
      { numRuns: 300 },
    );
  });
});

describeEachTarget(
  "sqlite expression normalisation through the engine",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
    });
    after(() => db.close());

    it("reads random CHECK expressions back as their normal form", async () => {
      const samples = fc.sample(fc.tuple(expr, spelling), { numRuns: 40, seed: 42 });
      for (const [i, [e, s]] of samples.entries()) {
        await db.query(`CREATE TABLE p${i} (a integer, b text, "c d" text, CHECK (${write(e, s)}))`);
      }
      const model = await introspect(db);
      for (const [i, [e, s]] of samples.entries()) {
        const t = model.tables.find((x) => x.name === `p${i}`);
        expect(
          t?.checks.map((c) => c.expression),
          write(e, s),
        ).to.deep.equal([sqliteRules.normalizeExpression(write(e, s))]);
      }
    });
  },
  { families: ["sqlite"] },
);
