import type { DiffEntry, JsonValue } from "./diff-entry";

type Obj = { readonly [key: string]: JsonValue };

const where = (e: DiffEntry): string => [e.schema, e.table].filter((x) => x !== null).join(".");
const at = (e: DiffEntry): string => `${where(e)}.${e.column ?? ""}`;
const obj = (v: JsonValue | undefined): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: JsonValue | undefined): string => (Array.isArray(v) ? v.map(String).join(", ") : "");
const text = (v: JsonValue | undefined): string => (v === null || v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v));
const quoted = (v: JsonValue | undefined): string => (v === null || v === undefined ? "none" : JSON.stringify(v));
const named = (e: DiffEntry): string => (e.name === null ? "" : ` ${e.name}`);
const enumName = (e: DiffEntry): string => [e.schema, e.name].filter((x) => x !== null).join(".");

function columnFacts(c: Obj): string {
  const facts = [text(c.type), c.nullable ? "nullable" : "not null"];
  if (c.default !== null && c.default !== undefined) facts.push(`default ${text(c.default)}`);
  if (c.autoIncrement !== null && c.autoIncrement !== undefined) facts.push(text(c.autoIncrement));
  return facts.join(", ");
}

function foreignKeyFacts(f: Obj): string {
  const target = [f.referencedSchema, f.referencedTable].filter((x) => x !== null && x !== undefined).join(".");
  const actions = [
    f.onDelete !== "NO ACTION" ? ` on delete ${text(f.onDelete).toLowerCase()}` : "",
    f.onUpdate !== "NO ACTION" ? ` on update ${text(f.onUpdate).toLowerCase()}` : "",
  ].join("");
  return `(${list(f.columns)}) -> ${target} (${list(f.referencedColumns)})${actions}`;
}

function indexFacts(i: Obj): string {
  const extras = [i.unique ? "unique" : "", i.method ? `using ${text(i.method)}` : "", i.where ? `where ${text(i.where)}` : ""];
  return [`(${list(i.columns)})`, ...extras.filter(Boolean)].join(" ");
}

/**
 * One line per entry for `retort check`'s human output, e.g.
 * `+ add column user.email (varchar(255), nullable)`.
 */
export function describeLine(e: DiffEntry): string {
  const before = e.details.before;
  const after = e.details.after;
  switch (e.kind) {
    case "add_table": {
      const n = (obj(after).columns as readonly JsonValue[] | undefined)?.length ?? 0;
      return `+ add table ${where(e)} (${n} ${n === 1 ? "column" : "columns"})`;
    }
    case "remove_table":
      return `- remove table ${where(e)}`;
    case "add_column":
      return `+ add column ${at(e)} (${columnFacts(obj(after))})`;
    case "remove_column":
      return `- remove column ${at(e)}`;
    case "modify_type":
      return `~ modify type ${at(e)}: ${text(before)} -> ${text(after)}`;
    case "modify_nullable":
      return `~ modify nullable ${at(e)}: ${before ? "nullable" : "not null"} -> ${after ? "nullable" : "not null"}`;
    case "modify_default":
      return `~ modify default ${at(e)}: ${text(before)} -> ${text(after)}`;
    case "modify_comment":
      return `~ modify comment ${at(e)}: ${quoted(before)} -> ${quoted(after)}`;
    case "modify_collation":
      return `~ modify collation ${at(e)}: ${text(before)} -> ${text(after)}`;
    case "modify_on_update":
      return `~ modify on update ${at(e)}: ${text(before)} -> ${text(after)}`;
    case "modify_table_comment":
      return `~ modify table comment ${where(e)}: ${quoted(before)} -> ${quoted(after)}`;
    case "add_index":
      return `+ add index${named(e)} on ${where(e)} ${indexFacts(obj(after))}`;
    case "remove_index":
      return `- remove index${named(e)} on ${where(e)}`;
    case "add_unique":
      return `+ add unique${named(e)} on ${where(e)} (${list(obj(after).columns)})`;
    case "remove_unique":
      return `- remove unique${named(e)} on ${where(e)} (${list(obj(before).columns)})`;
    case "add_fk":
      return `+ add foreign key${named(e)} on ${where(e)} ${foreignKeyFacts(obj(after))}`;
    case "remove_fk":
      return `- remove foreign key${named(e)} on ${where(e)} ${foreignKeyFacts(obj(before))}`;
    case "add_check":
      return `+ add check${named(e)} on ${where(e)} (${text(obj(after).expression)})`;
    case "remove_check":
      return `- remove check${named(e)} on ${where(e)} (${text(obj(before).expression)})`;
    case "add_exclusion":
      return `+ add exclusion${named(e)} on ${where(e)} EXCLUDE ${text(obj(after).expression)}`;
    case "remove_exclusion":
      return `- remove exclusion${named(e)} on ${where(e)} EXCLUDE ${text(obj(before).expression)}`;
    case "add_pk":
      return `+ add primary key${named(e)} on ${where(e)} (${list(obj(after).columns)})`;
    case "remove_pk":
      return `- remove primary key${named(e)} on ${where(e)} (${list(obj(before).columns)})`;
    case "add_enum":
      return `+ add enum ${enumName(e)} (${list(obj(after).values)})`;
    case "remove_enum":
      return `- remove enum ${enumName(e)}`;
    case "modify_enum":
      return `~ modify enum ${enumName(e)}: (${list(before)}) -> (${list(after)})`;
    case "add_extension":
      return `+ add extension ${e.name}`;
    case "remove_extension":
      return `- remove extension ${e.name}`;
    case "add_view":
      return `+ add ${obj(after).materialized ? "materialized " : ""}view ${enumName(e)}`;
    case "remove_view":
      return `- remove ${obj(before).materialized ? "materialized " : ""}view ${enumName(e)}`;
    case "modify_view":
      return `~ modify ${obj(after).materialized ? "materialized " : ""}view ${enumName(e)}: definition or indexes differ`;
  }
}
