import { keyword, matchingClose, splitTopLevel, tokenize, type Token } from "./sql-tokenizer";

/**
 * The parts of a CREATE INDEX statement that the index pragmas do not give: the text of
 * expression parts (reported with cid -2) and the WHERE predicate of a partial index
 * (https://www.sqlite.org/lang_createindex.html). Texts are returned as written.
 */
export interface ParsedIndex {
  /** One entry per indexed column, in order; `COLLATE` and `ASC`/`DESC` removed. */
  readonly parts: readonly string[];
  readonly where: string | null;
}

const PART_SUFFIX = new Set(["ASC", "DESC"]);

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => keyword(t) === "ON");
  const open = tokens.findIndex((t, i) => i > on && t.kind === "open");
  if (on < 0 || open < 0) throw new Error(`not a CREATE INDEX statement: ${sql.slice(0, 80)}`);
  const close = matchingClose(tokens, open);
  const parts = splitTopLevel(tokens.slice(open + 1, close)).map((part) => partText(sql, part));
  const whereIndex = tokens.findIndex((t, i) => i > close && keyword(t) === "WHERE");
  const where = whereIndex < 0 ? null : sql.slice(tokens[whereIndex].end).trim().replace(/;$/, "").trim();
  return { parts, where };
}

function partText(sql: string, part: readonly Token[]): string {
  let end = part.length;
  if (PART_SUFFIX.has(keyword(part[end - 1]) ?? "")) end--;
  if (end >= 2 && keyword(part[end - 2]) === "COLLATE") end -= 2;
  return sql.slice(part[0].start, part[end - 1].end);
}
