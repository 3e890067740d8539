import { expect } from "chai";
import fc from "fast-check";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettierDoc from "prettier/doc";
import { column, columnType, index, type ColumnModel, type Operation } from "@retort/core";
import {
  fastFormatOptions,
  formatSource,
  planMigration,
  PRETTIER_DEFAULTS,
  writeMigrationFile,
  writeWithTsMorph,
  type FastFormatOptions,
  type MigrationInput,
} from "../src";
import { FastPrintUnsupported, printMigration } from "../src/format/fast-printer";
import { addColumn, dataOps, dropColumn, everyReversibleOp, input, on } from "./fixtures";
import { initialMigration } from "./perf/schema-1000";

async function prettier(source: string, options: Partial<FastFormatOptions> = {}): Promise<string> {
  const p = await import("prettier");
  return p.format(source, { parser: "typescript", ...options });
}

const fast = (migration: MigrationInput, options: Partial<FastFormatOptions> = {}) =>
  printMigration(planMigration(migration), { ...PRETTIER_DEFAULTS, ...options }, prettierDoc);

const optionSets: Partial<FastFormatOptions>[] = [
  {},
  { singleQuote: true, semi: false },
  { trailingComma: "none", bracketSpacing: false },
  { trailingComma: "es5", arrowParens: "avoid" },
  { useTabs: true },
  { tabWidth: 4, printWidth: 120 },
  { printWidth: 100, tabWidth: 8, singleQuote: true },
];

const samples: [string, MigrationInput][] = [
  ["every operation (postgres)", input(everyReversibleOp)],
  ["every operation (sqlite batches)", input(everyReversibleOp, { dialect: "sqlite" })],
  ["raw SQL and rows", input(dataOps, { downgrade: [] })],
  ["an empty migration with a long message", input([], { message: `${"a very long message ".repeat(8)}"quoted" and 'single'` })],
  ["a rename hint and warnings", input([dropColumn("users", column("name", "text")), addColumn("users", column("full_name", "text"))])],
  ["a merge with labels", input([], { downRevision: ["a".repeat(40), "b".repeat(40)], branchLabels: ["x".repeat(70)] })],
  ["50 tables", input(initialMigration(50))],
];

describe("the fast printer formats exactly as prettier does", function () {
  this.timeout(120_000);

  for (const [title, migration] of samples) {
    it(`${title}: prettier leaves it unchanged, whatever the options`, async () => {
      for (const options of optionSets) {
        const out = fast(migration, options);
        expect(await prettier(out, options), JSON.stringify(options)).to.equal(out);
      }
    });

    it(`${title}: the same text prettier makes of the ts-morph output`, async () => {
      const plan = planMigration(migration);
      expect(fast(migration)).to.equal(await formatSource(await writeWithTsMorph(plan), join(tmpdir(), "x.ts")));
    });
  }

  it("holds for random names, comments, defaults and inserted values (property)", async () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,40}$/);
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("it's", 'say "hi"', "back\\slash", "a\nb", "$1"));
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.bigInt());
    const columnArb = fc.record({ n: name, nullable: fc.boolean(), def: fc.option(text), comment: fc.option(text), len: fc.option(fc.integer({ min: 1, max: 9999 })) }).map(
      (c): ColumnModel =>
        column(c.n, c.len === null ? columnType("text") : columnType("varchar", { length: c.len }), { nullable: c.nullable, default: c.def, comment: c.comment }),
    );
    const op = fc.oneof(
      fc.tuple(name, columnArb).map(([t, c]): Operation => addColumn(t, c)),
      fc.tuple(name, columnArb).map(([t, c]): Operation => dropColumn(t, c)),
      fc.tuple(name, name, fc.array(name, { minLength: 1, maxLength: 5 }), fc.option(text)).map(
        ([t, i, cols, where]): Operation => ({ kind: "createIndex", ...on(t), index: index(i, cols, { where }), concurrently: false }),
      ),
      fc.tuple(name, fc.array(fc.dictionary(name, scalar, { maxKeys: 6 }), { minLength: 1, maxLength: 3 })).map(
        ([t, rows]): Operation => ({ kind: "bulkInsert", ...on(t), rows }),
      ),
      fc.tuple(text, fc.array(scalar, { maxLength: 12 })).map(([sql, params]): Operation => ({ kind: "execute", sql, params })),
    );
    const p = await import("prettier");
    let printed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 6 }), text, fc.constantFrom(...optionSets), fc.constantFrom("postgres" as const, "sqlite" as const), async (ops, message, options, dialect) => {
        let out: string;
        try {
          out = fast(input(ops, { message, dialect, downgrade: [] }), options);
        } catch (error) {
          if (error instanceof FastPrintUnsupported) return; // formatMigration falls back to prettier
          throw error;
        }
        printed++;
        expect(await p.format(out, { parser: "typescript", ...options })).to.equal(out);
      }),
      { numRuns: 150, seed: 20261127 },
    );
    expect(printed, "most random migrations take the fast path").to.be.greaterThan(100);
  });
});

describe("fastFormatOptions", () => {
  it("takes the options it reproduces and ignores those that cannot matter", () => {
    expect(fastFormatOptions(null)).to.deep.equal(PRETTIER_DEFAULTS);
    expect(fastFormatOptions({ singleQuote: true, semi: false, tabWidth: 4, proseWrap: "always", endOfLine: "lf" })).to.deep.equal({
      ...PRETTIER_DEFAULTS,
      singleQuote: true,
      semi: false,
      tabWidth: 4,
    });
  });

  it("leaves plugins, other parsers and narrow widths to prettier itself", () => {
    expect(fastFormatOptions({ plugins: ["prettier-plugin-organize-imports"] })).to.equal(null);
    expect(fastFormatOptions({ parser: "flow" })).to.equal(null);
    expect(fastFormatOptions({ printWidth: 60 })).to.equal(null);
    expect(fastFormatOptions({ quoteProps: "consistent" })).to.equal(null);
    expect(fastFormatOptions({ endOfLine: "crlf" })).to.equal(null);
  });

  it("writes through prettier itself when the config needs it, with the same result", async () => {
    const dir = await mkdtemp(join(tmpdir(), "retort-fast-"));
    try {
      await writeFile(join(dir, ".prettierrc"), JSON.stringify({ printWidth: 60, singleQuote: true }));
      const written = await writeMigrationFile(dir, input(everyReversibleOp));
      const text = await readFile(written.path, "utf8");
      expect(text).to.include("export const revision = '1a2b3c4d5e6f';");
      expect(await prettier(text, { printWidth: 60, singleQuote: true })).to.equal(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
