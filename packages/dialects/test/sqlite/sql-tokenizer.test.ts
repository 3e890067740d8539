import { expect } from "chai";
import { matchingClose, splitTopLevel, SqlTokenizeError, tokenize } from "../../src/sqlite/sql-tokenizer";

const kinds = (sql: string) => tokenize(sql).map((t) => [t.kind, t.value]);

describe("sqlite sql-tokenizer", () => {
  it("reads the three quoted identifier forms, undoing doubled quotes", () => {
    expect(kinds(`"a ""b"" c" \`d\`\`e\` [f "g"]`)).to.deep.equal([
      ["quoted", 'a "b" c'],
      ["quoted", "d`e"],
      ["quoted", 'f "g"'],
    ]);
  });

  it("keeps string literals whole, '' escapes and parentheses inside included", () => {
    const tokens = tokenize(`x = 'it''s (not) a, list' || 'b'`);
    expect(tokens.map((t) => t.text)).to.deep.equal(["x", "=", "'it''s (not) a, list'", "||", "'b'"]);
    expect(tokens[2].kind).to.equal("string");
  });

  it("drops -- and /* */ comments, also inside a statement", () => {
    expect(kinds("a -- one ( comment\n, /* two ) */ b /* unterminated")).to.deep.equal([
      ["word", "a"],
      ["comma", ","],
      ["word", "b"],
    ]);
  });

  it("reads numbers, blobs, parameters and multi-character operators", () => {
    expect(tokenize("1.5e-3 .5 0x1F X'00ff' ?1 :name <> != == || <= ->> -").map((t) => [t.kind, t.text])).to.deep.equal(
      [
        ["number", "1.5e-3"],
        ["number", ".5"],
        ["number", "0x1F"],
        ["blob", "X'00ff'"],
        ["parameter", "?1"],
        ["parameter", ":name"],
        ["operator", "<>"],
        ["operator", "!="],
        ["operator", "=="],
        ["operator", "||"],
        ["operator", "<="],
        ["operator", "->>"],
        ["operator", "-"],
      ],
    );
  });

  it("records source offsets so clauses can be sliced as written", () => {
    const sql = `CHECK ( "a" > 0 )`;
    const [, open, a] = tokenize(sql);
    expect(sql.slice(open.start, open.end)).to.equal("(");
    expect(sql.slice(a.start, a.end)).to.equal(`"a"`);
  });

  it("matches nested parentheses, ignoring those in strings and identifiers", () => {
    const tokens = tokenize(`(a IN (1, (2)), ')', "(" ) tail`);
    expect(tokens[matchingClose(tokens, 0) + 1].value).to.equal("tail");
    expect(() => matchingClose(tokenize("((a)"), 0)).to.throw(SqlTokenizeError);
  });

  it("splits at top-level commas only", () => {
    const parts = splitTopLevel(tokenize(`a int, b numeric(10,2), check (f(x, y) > 0), 'a,b'`));
    expect(parts.map((p) => p.map((t) => t.text).join(" "))).to.deep.equal([
      "a int",
      "b numeric ( 10 , 2 )",
      "check ( f ( x , y ) > 0 )",
      "'a,b'",
    ]);
  });

  it("reads identifiers with non-ASCII letters and $, and tells x'..' blobs from a word x", () => {
    expect(kinds("café_2 a$b x = X'0A'")).to.deep.equal([
      ["word", "café_2"],
      ["word", "a$b"],
      ["word", "x"],
      ["operator", "="],
      ["blob", "X'0A'"],
    ]);
    expect(tokenize("price").map((t) => t.keyword)).to.deep.equal(["PRICE"]);
    expect(tokenize(`"price"`).map((t) => t.keyword)).to.deep.equal([null]);
  });

  it("reports unterminated quotes", () => {
    expect(() => tokenize(`'abc`)).to.throw(SqlTokenizeError, /unterminated/);
    expect(() => tokenize(`"abc`)).to.throw(SqlTokenizeError, /unterminated/);
    expect(() => tokenize(`[abc`)).to.throw(SqlTokenizeError, /unterminated/);
  });
});
