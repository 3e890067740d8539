import type { Deferrable } from "@retort/core";
import { keyword, matchingClose, splitTopLevel, tokenize, type Token } from "./sql-tokenizer";

/**
 * What `PRAGMA table_xinfo` and friends do not tell: constraint names, CHECK and
 * generated-column expressions, AUTOINCREMENT, collations and deferrability, read from
 * the CREATE TABLE text SQLite keeps in `sqlite_master.sql`
 * (https://www.sqlite.org/lang_createtable.html). Column-level constraints are
 * flattened into the table-level lists. Expressions are returned as written.
 */
export interface ParsedTable {
  /** Keyed by lower-cased column name: SQLite identifiers are case-insensitive. */
  readonly columns: ReadonlyMap<string, ParsedColumn>;
  readonly primaryKey: ParsedPrimaryKey | null;
  readonly uniques: readonly ParsedUnique[];
  readonly checks: readonly ParsedCheck[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  readonly withoutRowid: boolean;
}

export interface ParsedColumn {
  readonly name: string;
  readonly collation: string | null;
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
}

export interface ParsedPrimaryKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly autoIncrement: boolean;
}

export interface ParsedUnique {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ParsedCheck {
  readonly name: string | null;
  readonly expression: string;
}

export interface ParsedForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly deferrable: Deferrable | null;
}

/** Words that end a column's type name and start its constraints. */
const COLUMN_CONSTRAINT_START = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "NOT",
  "NULL",
  "UNIQUE",
  "CHECK",
  "DEFAULT",
  "COLLATE",
  "REFERENCES",
  "GENERATED",
  "AS",
]);
const TABLE_CONSTRAINT_START = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

interface Collector {
  primaryKey: ParsedPrimaryKey | null;
  readonly uniques: ParsedUnique[];
  readonly checks: ParsedCheck[];
  readonly foreignKeys: ParsedForeignKey[];
}

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "open");
  if (open < 0) throw new Error(`not a CREATE TABLE statement with a column list: ${sql.slice(0, 80)}`);
  const close = matchingClose(tokens, open);
  const collector: Collector = { primaryKey: null, uniques: [], checks: [], foreignKeys: [] };
  const columns = new Map<string, ParsedColumn>();
  for (const part of splitTopLevel(tokens.slice(open + 1, close))) {
    if (TABLE_CONSTRAINT_START.has(keyword(part[0]) ?? "")) parseTableConstraint(sql, part, collector);
    else {
      const column = parseColumn(sql, part, collector);
      columns.set(column.name.toLowerCase(), column);
    }
  }
  const options = tokens.slice(close + 1).map((t) => keyword(t));
  const withoutRowid = options.some((w, i) => w === "WITHOUT" && options[i + 1] === "ROWID");
  return { columns, withoutRowid, ...collector };
}

/** Name of an identifier token, quoted or not. */
export function identifier(token: Token | undefined): string {
  if (!token || (token.kind !== "word" && token.kind !== "quoted" && token.kind !== "string")) {
    throw new Error(`expected an identifier, found ${token ? `"${token.text}"` : "the end"}`);
  }
  return token.kind === "string" ? token.text.slice(1, -1).replace(/''/g, "'") : token.value;
}

/** Source text between the parentheses opened at `openIndex`; returns it and the close index. */
function parenthesised(sql: string, tokens: readonly Token[], openIndex: number): [string, number] {
  const close = matchingClose(tokens, openIndex);
  return [sql.slice(tokens[openIndex].end, tokens[close].start).trim(), close];
}

/** Column names of an `indexed-column` list such as `(a, "b" COLLATE nocase DESC)`. */
function columnList(tokens: readonly Token[], openIndex: number): [string[], number] {
  const close = matchingClose(tokens, openIndex);
  return [splitTopLevel(tokens.slice(openIndex + 1, close)).map((p) => identifier(p[0])), close];
}

function parseColumn(sql: string, part: readonly Token[], out: Collector): ParsedColumn {
  const name = identifier(part[0]);
  let i = 1;
  while (i < part.length && !COLUMN_CONSTRAINT_START.has(keyword(part[i]) ?? "")) {
    i = part[i].kind === "open" ? matchingClose(part, i) + 1 : i + 1;
  }
  let constraintName: string | null = null;
  let collation: string | null = null;
  let generated: ParsedColumn["generated"] = null;
  while (i < part.length) {
    const word = keyword(part[i]);
    if (word === "CONSTRAINT") {
      constraintName = identifier(part[i + 1]);
      i += 2;
      continue;
    }
    if (word === "PRIMARY") {
      i += 2;
      let autoIncrement = false;
      while (i < part.length && !COLUMN_CONSTRAINT_START.has(keyword(part[i]) ?? "")) {
        if (keyword(part[i]) === "AUTOINCREMENT") autoIncrement = true;
        i++;
      }
      out.primaryKey = { name: constraintName, columns: [name], autoIncrement };
    } else if (word === "UNIQUE") {
      out.uniques.push({ name: constraintName, columns: [name] });
      i++;
    } else if (word === "CHECK") {
      const [expression, close] = parenthesised(sql, part, i + 1);
      out.checks.push({ name: constraintName, expression });
      i = close + 1;
    } else if (word === "DEFAULT") {
      i = skipDefaultValue(part, i + 1);
    } else if (word === "COLLATE") {
      collation = identifier(part[i + 1]);
      i += 2;
    } else if (word === "REFERENCES") {
      const [fk, end] = parseReferences(part, i, constraintName, [name]);
      out.foreignKeys.push(fk);
      i = end;
    } else if (word === "AS") {
      const [expression, close] = parenthesised(sql, part, i + 1);
      generated = { expression, stored: keyword(part[close + 1]) === "STORED" };
      i = close + 1;
    } else {
      // NOT NULL, NULL, GENERATED ALWAYS, conflict clauses, STORED/VIRTUAL
      if (word === "NOT" || word === "NULL") constraintName = null;
      i++;
      continue;
    }
    constraintName = null;
  }
  return { name, collation, generated };
}

/** A DEFAULT value is a parenthesised expression, a signed number or one literal token. */
function skipDefaultValue(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.kind === "open") return matchingClose(tokens, i) + 1;
  if (tokens[i]?.kind === "operator" && (tokens[i].text === "-" || tokens[i].text === "+")) return i + 2;
  return i + 1;
}

function parseTableConstraint(sql: string, part: readonly Token[], out: Collector): void {
  let i = 0;
  let name: string | null = null;
  if (keyword(part[0]) === "CONSTRAINT") {
    name = identifier(part[1]);
    i = 2;
  }
  const word = keyword(part[i]);
  if (word === "PRIMARY") {
    const open = part.findIndex((t, k) => k > i && t.kind === "open");
    const [columns, close] = columnList(part, open);
    const autoIncrement = part.slice(open, close).some((t) => keyword(t) === "AUTOINCREMENT");
    out.primaryKey = { name, columns, autoIncrement };
  } else if (word === "UNIQUE") {
    out.uniques.push({ name, columns: columnList(part, i + 1)[0] });
  } else if (word === "CHECK") {
    out.checks.push({ name, expression: parenthesised(sql, part, i + 1)[0] });
  } else if (word === "FOREIGN") {
    const [columns, close] = columnList(part, i + 2);
    out.foreignKeys.push(parseReferences(part, close + 1, name, columns)[0]);
  }
}

/** `REFERENCES table [(cols)] [ON ...] [MATCH x] [[NOT] DEFERRABLE [INITIALLY ...]]`. */
function parseReferences(
  tokens: readonly Token[],
  referencesIndex: number,
  name: string | null,
  columns: readonly string[],
): [ParsedForeignKey, number] {
  const referencedTable = identifier(tokens[referencesIndex + 1]);
  let i = referencesIndex + 2;
  if (tokens[i]?.kind === "open") i = matchingClose(tokens, i) + 1;
  let deferrable: Deferrable | null = null;
  for (;;) {
    const word = keyword(tokens[i]);
    if (word === "ON") {
      // ON DELETE|UPDATE SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION
      const two = keyword(tokens[i + 2]) === "SET" || keyword(tokens[i + 2]) === "NO";
      i += two ? 4 : 3;
    } else if (word === "MATCH") {
      i += 2;
    } else if (word === "NOT" && keyword(tokens[i + 1]) === "DEFERRABLE") {
      deferrable = null;
      i = skipInitially(tokens, i + 2);
    } else if (word === "DEFERRABLE") {
      deferrable =
        keyword(tokens[i + 1]) === "INITIALLY" && keyword(tokens[i + 2]) === "DEFERRED" ? "deferred" : "immediate";
      i = skipInitially(tokens, i + 1);
    } else break;
  }
  return [{ name, columns, referencedTable, deferrable }, i];
}

function skipInitially(tokens: readonly Token[], i: number): number {
  return keyword(tokens[i]) === "INITIALLY" ? i + 2 : i;
}
