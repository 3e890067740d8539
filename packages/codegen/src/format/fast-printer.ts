import type { builders as Builders, printer as Printer } from "prettier/doc";
import type { MigrationPlan } from "../render/migration-plan";
import { OP_API_MODULE } from "../render/migration-plan";
import { commentText, opParameter, type Argument, type Call, type Statement } from "../render/statement";
import type { FastFormatOptions } from "./fast-format-options";

type Doc = Builders.Doc;
type DocModule = { builders: typeof Builders; printer: typeof Printer };

/** A value the fast printer does not model exactly; the caller falls back to prettier. */
export class FastPrintUnsupported extends Error {}

/**
 * Prints a migration exactly as prettier would format it, without parsing: the file's
 * syntax tree is known, so its prettier document is built directly (mirroring prettier's
 * estree printer for the few constructs a migration uses: calls, literals, arrays,
 * objects, one arrow function) and printed by prettier's own document printer. Tests
 * check that prettier leaves the result unchanged. Large migrations format in a
 * fraction of prettier's time, most of which goes into parsing and printing the AST.
 */
export function printMigration(plan: MigrationPlan, options: FastFormatOptions, doc: DocModule): string {
  const p = new DocBuilder(options, doc.builders);
  const text = doc.printer.printDocToString(p.module(plan), options).formatted;
  return text;
}

/** Nothing to escape and no quote to choose: most names, types and SQL. */
const PLAIN_STRING = /^[^"'\\\u0000-\u001f\ud800-\udfff\u2028\u2029]*$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Keys prettier would treat differently from us (unicode identifiers it may unquote). */
const UNICODE_IDENTIFIER = /^[\p{L}$_][\p{L}\p{N}$_]*$/u;

/** prettier's printNumber, for the spellings `String(number)` produces (`1e+21`, `1.5e-7`). */
function printNumber(text: string): string {
  return text
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, "$1$2$3")
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, "$1")
    .replace(/^([+-])?\./, "$10.")
    .replace(/(\.\d+?)0+(?=e|$)/, "$1")
    .replace(/\.(?=e|$)/, "");
}

type Node =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly text: string; readonly negative: boolean }
  | { readonly type: "bigint"; readonly text: string }
  | { readonly type: "literal"; readonly text: string }
  | { readonly type: "array"; readonly items: readonly Node[] }
  | { readonly type: "object"; readonly props: readonly (readonly [string, Node])[] }
  | { readonly type: "new"; readonly callee: string; readonly args: readonly Node[] }
  | { readonly type: "arrow"; readonly param: string; readonly body: readonly Statement[] };

function toNode(value: unknown): Node {
  switch (typeof value) {
    case "string":
      return { type: "string", value };
    case "number": {
      if (!Number.isFinite(value)) throw new FastPrintUnsupported(`number ${value}`);
      const negative = value < 0;
      return { type: "number", text: (negative ? "-" : "") + printNumber(String(Math.abs(value))), negative };
    }
    case "bigint":
      return { type: "bigint", text: `${value}n` };
    case "boolean":
    case "undefined":
      return { type: "literal", text: String(value) };
    default:
      if (value === null) return { type: "literal", text: "null" };
      if (Array.isArray(value)) return { type: "array", items: value.map(toNode) };
      if (value instanceof Date) return { type: "new", callee: "Date", args: [{ type: "string", value: value.toISOString() }] };
      if (typeof value === "object") {
        const props = Object.entries(value).filter(([, v]) => v !== undefined);
        return { type: "object", props: props.map(([k, v]) => [k, toNode(v)] as const) };
      }
      throw new FastPrintUnsupported(typeof value);
  }
}

class DocBuilder {
  constructor(
    private readonly o: FastFormatOptions,
    private readonly b: typeof Builders,
  ) {}

  module(plan: MigrationPlan): Doc {
    const { hardline, join } = this.b;
    const semi = this.o.semi ? ";" : "";
    const imp = `import type {${this.space()}MigrationOperations${this.space()}} from ${this.string(OP_API_MODULE)}${semi}`;
    const exports = plan.exports.map((e) => this.exportConst(e.name, e.type, toNode(e.value)));
    return [
      join(hardline, [...plan.header]),
      hardline,
      hardline,
      imp,
      hardline,
      hardline,
      join(hardline, exports),
      hardline,
      hardline,
      this.migrationFunction("upgrade", plan.upgrade),
      hardline,
      hardline,
      this.migrationFunction("downgrade", plan.downgrade),
      hardline,
    ];
  }

  private space(): string {
    return this.o.bracketSpacing ? " " : "";
  }

  private exportConst(name: string, type: string | undefined, value: Node): Doc {
    const left = type === undefined ? name : `${name}: ${type}`;
    return this.b.group(["export const ", this.assignment(left, " =", value, false), this.o.semi ? ";" : ""]);
  }

  private migrationFunction(name: string, body: readonly Statement[]): Doc {
    const signature = `export async function ${name}(${opParameter(body)}: MigrationOperations): Promise<void> `;
    return [signature, this.block(body)];
  }

  private block(body: readonly Statement[]): Doc {
    const { hardline, indent, join } = this.b;
    if (body.length === 0) return "{}";
    return ["{", indent([hardline, join(hardline, body.map((s) => this.statement(s)))]), hardline, "}"];
  }

  private statement(s: Statement): Doc {
    const { hardline } = this.b;
    const comments = s.comments.map((c) => [`// ${commentText(c)}`.trimEnd(), hardline]);
    if (!s.call) {
      // a lone comment: the hardline after the last one comes from the enclosing join
      return comments.flat().slice(0, -1);
    }
    return [...comments, this.call(s.call), this.o.semi ? ";" : ""];
  }

  /** `await op.x(…)`: a short member chain, printed by prettier as one group. */
  private call(c: Call): Doc {
    return [c.await ? "await " : "", this.b.group([c.callee, this.callArguments(c.args.map(argumentNode))])];
  }

  /** prettier's printCallArguments, for our argument kinds. */
  private callArguments(args: readonly Node[]): Doc {
    const { group, indent, line, softline, ifBreak, conditionalGroup, breakParent } = this.b;
    const { willBreak } = docUtils(this.b);
    if (args.length === 0) return "()";
    const printed = args.map((a, i) => (i === args.length - 1 ? this.node(a) : [this.node(a), ",", line]));
    const trailing = this.o.trailingComma === "all" ? "," : "";
    const allArgsBrokenOut = () => group(["(", indent([line, ...printed]), trailing, line, ")"], { shouldBreak: true });

    if (shouldExpandLastArg(args)) {
      const head = printed.slice(0, -1);
      if (head.some(willBreak)) return allArgsBrokenOut();
      const last = this.node(args[args.length - 1]!);
      if (willBreak(last)) {
        return [breakParent, conditionalGroup([["(", ...head, group(last, { shouldBreak: true }), ")"], allArgsBrokenOut()])];
      }
      return conditionalGroup([["(", ...head, last, ")"], ["(", ...head, group(last, { shouldBreak: true }), ")"], allArgsBrokenOut()]);
    }
    return group(["(", indent([softline, ...printed]), ifBreak(trailing), softline, ")"], { shouldBreak: printed.some(willBreak) });
  }

  private node(n: Node): Doc {
    switch (n.type) {
      case "string":
        return this.string(n.value);
      case "number":
      case "bigint":
      case "literal":
        return n.text;
      case "array":
        return this.array(n.items);
      case "object":
        return this.object(n.props);
      case "new":
        return ["new ", n.callee, this.callArguments(n.args)];
      case "arrow": {
        const params = this.o.arrowParens === "avoid" ? n.param : `(${n.param})`;
        return this.b.group([params, " =>", " ", this.block(n.body)]);
      }
    }
  }

  /** prettier's printArray (not the concise number form: see shouldExpandLastArg). */
  private array(items: readonly Node[]): Doc {
    const { group, indent, softline, line, ifBreak } = this.b;
    if (items.length === 0) return "[]";
    if (isConcise(items)) return this.conciseArray(items);
    const first = items[0]!.type;
    const shouldBreak =
      items.length > 1 &&
      items.every(
        (n) =>
          n.type === first &&
          ((n.type === "object" && n.props.length > 1) || (n.type === "array" && n.items.length > 1)),
      );
    const parts: Doc[] = [];
    items.forEach((item, i) => {
      parts.push(group(this.node(item)));
      if (i < items.length - 1) parts.push([",", line, ""]);
    });
    const trailing = this.o.trailingComma === "none" ? "" : ifBreak(",");
    return group(["[", indent([softline, [parts, trailing]]), softline, "]"], { shouldBreak });
  }

  private conciseArray(items: readonly Node[]): Doc {
    const { group, indent, softline, line, ifBreak, fill } = this.b;
    const id = Symbol("array");
    const trailing = this.o.trailingComma === "none" ? "" : ifBreak(",", "", { groupId: id });
    const parts: Doc[] = [];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      parts.push([this.node(item), last ? trailing : ","]);
      if (!last) parts.push(line);
    });
    return group(["[", indent([softline, fill(parts)]), softline, "]"], { id });
  }

  /** prettier's printObject for an object written on one line (nothing to preserve). */
  private object(props: readonly (readonly [string, Node])[]): Doc {
    const { group, indent, line, softline, ifBreak } = this.b;
    if (props.length === 0) return "{}";
    const spacing = this.o.bracketSpacing ? line : softline;
    const printed: Doc[] = props.map(([k, v], i) => [i === 0 ? "" : [",", line], group(this.property(k, v))]);
    const trailing = this.o.trailingComma === "none" ? "" : ifBreak(",");
    return group(["{", indent([spacing, ...printed]), trailing, spacing, "}"]);
  }

  private property(key: string, value: Node): Doc {
    // prettier may unquote these (unicode identifiers, numbers) or measure them differently (wide characters)
    if (!IDENTIFIER.test(key) && (UNICODE_IDENTIFIER.test(key) || /^\d/.test(key) || /[^\x20-\x7e]/.test(key))) {
      throw new FastPrintUnsupported(`key ${key}`);
    }
    const keyDoc = IDENTIFIER.test(key) ? key : this.string(key);
    const shortKey = typeof keyDoc === "string" && keyDoc.length < this.o.tabWidth + 3;
    return this.assignment(keyDoc, ":", value, shortKey);
  }

  /** prettier's printAssignment with chooseLayout, for our value kinds (left side never breaks). */
  private assignment(left: Doc, operator: string, right: Node, shortKey: boolean): Doc {
    const { group, indent, line, lineSuffixBoundary, indentIfBreak } = this.b;
    const value = this.node(right);
    if (right.type === "string" && !shortKey) return group([group(left), operator, group(indent([line, value]))]);
    if (shortKey || (right.type === "number" && !right.negative) || (right.type === "literal" && (right.text === "true" || right.text === "false"))) {
      return group([group(left), operator, " ", value]);
    }
    const id = Symbol("assignment");
    return group([group(left), operator, group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(value, { groupId: id })]);
  }

  /** prettier's printString: the preferred quote unless the other needs fewer escapes. */
  string(value: string): string {
    if (PLAIN_STRING.test(value)) return this.o.singleQuote ? `'${value}'` : `"${value}"`;
    const raw = JSON.stringify(value).slice(1, -1);
    const doubles = (raw.match(/"/g) ?? []).length;
    const singles = (raw.match(/'/g) ?? []).length;
    const preferred = this.o.singleQuote ? "'" : '"';
    const alternate = preferred === '"' ? "'" : '"';
    const [pCount, aCount] = preferred === '"' ? [doubles, singles] : [singles, doubles];
    const quote = pCount > aCount ? alternate : preferred;
    return makeString(raw, quote);
  }
}

/** prettier's makeString: re-escapes quotes for the enclosing one, drops needless escapes. */
function makeString(rawContent: string, quote: string): string {
  const other = quote === '"' ? "'" : '"';
  const body = rawContent.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, q: string | undefined) => {
    if (escaped === other) return escaped;
    if (q === quote) return `\\${q}`;
    if (q) return q;
    return /^[^\n\r"'0-7\\bfnrt-vx\u2028\u2029]$/.test(escaped ?? "") ? (escaped ?? "") : `\\${escaped ?? ""}`;
  });
  return quote + body + quote;
}

function argumentNode(a: Argument): Node {
  return "arrow" in a ? { type: "arrow", param: a.arrow.param, body: a.arrow.body } : toNode(a.value);
}

function isConcise(items: readonly Node[]): boolean {
  return items.length > 0 && items.every((n) => n.type === "number");
}

/** prettier's shouldExpandLastArg / couldExpandArg for our node kinds. */
function shouldExpandLastArg(args: readonly Node[]): boolean {
  const last = args[args.length - 1]!;
  const penultimate = args[args.length - 2];
  const expandable =
    (last.type === "object" && last.props.length > 0) || (last.type === "array" && last.items.length > 0) || last.type === "arrow";
  return (
    expandable &&
    (!penultimate || penultimate.type !== last.type) &&
    (args.length !== 2 || penultimate?.type !== "arrow" || last.type !== "array") &&
    !(args.length > 1 && last.type === "array" && isConcise(last.items))
  );
}

/** `willBreak` from prettier's doc utils, without importing them at type level. */
function docUtils(b: typeof Builders): { willBreak: (doc: Doc) => boolean } {
  void b;
  return { willBreak: willBreakDoc };
}

function willBreakDoc(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.some(willBreakDoc);
  switch (doc.type) {
    case "group":
      return Boolean(doc.break) || willBreakDoc(doc.contents);
    case "line":
      return Boolean(doc.hard);
    case "break-parent":
      return true;
    case "if-break":
      return willBreakDoc(doc.breakContents) || willBreakDoc(doc.flatContents);
    case "indent":
    case "align":
    case "indent-if-break":
    case "label":
    case "line-suffix":
      return willBreakDoc((doc as { contents: Doc }).contents);
    case "fill":
      return doc.parts.some(willBreakDoc);
    default:
      return false;
  }
}
