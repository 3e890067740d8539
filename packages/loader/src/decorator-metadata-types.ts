import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as TS from "typescript";

/**
 * What `tsc` emits as `design:type` where swc, compiling one file without type
 * information, cannot know it (issue 9: TypeORM refuses `Data type "Object"`):
 *
 * - a property typed with an enum, local or imported: Number for a numeric enum, String
 *   for a string enum, Object for a mixed one (swc emits the enum object itself);
 * - a property typed with a type alias: what the aliased type serializes to
 *   (`type Status = "on" | "off"` → String; swc emits Object);
 * - without `strictNullChecks`, `T | null` and `T | undefined` serialize as T.
 *
 * This module finds those cases cheaply (regular expressions over the file and the files
 * it imports from) and only then parses with TypeScript (syntax only, just the
 * declarations concerned), rewriting the property's type annotation to a keyword type
 * that swc serializes to the same constructor. Types are erased, so nothing else changes.
 */
export interface MetadataTypePlan {
  /** Enum and type alias declarations the file's properties may use, by name. */
  readonly declarations: ReadonlyMap<string, string>;
  readonly stripNullable: boolean;
  /** What the compile cache key must include: the output depends on these texts. */
  readonly key: string;
}

/** What, if anything, the file needs beyond swc; null when swc's metadata is already tsc's. */
export function planMetadataTypes(
  source: string,
  strictNullChecks: boolean,
  resolveImport: (specifier: string) => string | undefined,
): MetadataTypePlan | null {
  if (!source.includes("@")) return null;
  const declarations = new Map<string, string>();
  for (const [name, text] of declarationsIn(source)) declarations.set(name, text);
  const annotated = annotatedNames(source);
  // A relation's target (`@ManyToOne(() => Post)`) is a class: no need to read its file.
  for (const m of source.matchAll(/\(\)\s*=>\s*([\w$]+)\s*[,)]/g)) annotated.delete(m[1]!);
  for (const { names, specifier } of namedImports(source)) {
    const used = names.filter(([, local]) => annotated.has(local));
    if (used.length === 0) continue;
    const file = resolveImport(specifier);
    const text = file === undefined ? undefined : readText(file);
    if (text === undefined) continue;
    const found = declarationsIn(text);
    for (const [imported, local] of used) {
      const declaration = found.get(imported);
      if (declaration !== undefined) declarations.set(local, declaration.replace(new RegExp(`\\b${escape(imported)}\\b`), local));
    }
  }
  const stripNullable = !strictNullChecks && /\|\s*(null|undefined)\b|\b(null|undefined)\s*\|/.test(source);
  if (declarations.size === 0 && !stripNullable) return null;
  return { declarations, stripNullable, key: `${stripNullable}\u0000${[...declarations].map(([n, t]) => `${n}=${t}`).join("\u0000")}` };
}

/** The source with the type annotations of decorated properties rewritten per the plan (see above). */
export function applyMetadataTypes(source: string, filename: string, plan: MetadataTypePlan, ts: typeof TS): string {
  const declared = new Map<string, string>();
  for (const [name, text] of plan.declarations) {
    const kind = serializedDeclaration(ts, text, plan.stripNullable);
    if (kind !== undefined) declared.set(name, kind);
  }
  const file = ts.createSourceFile(filename, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyDeclaration(node) && node.type && ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0) {
      const kind = serializedType(ts, node.type, declared, plan.stripNullable);
      if (kind !== undefined) edits.push({ start: node.type.getStart(file), end: node.type.end, text: annotationFor(kind) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const edit of edits.reverse()) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A keyword type swc serializes to each constructor name tsc may emit. */
const KEYWORD_FOR: Record<string, string> = {
  String: "string",
  Number: "number",
  Boolean: "boolean",
  Object: "object",
  Array: "any[]",
  BigInt: "bigint",
  Symbol: "symbol",
};

/** A type annotation swc serializes to `kind`: a keyword, or the class itself for a reference. */
function annotationFor(kind: string): string {
  if (kind.startsWith("ref:")) return kind.slice(4);
  return KEYWORD_FOR[kind] ?? (GLOBAL_CLASSES.includes(kind) ? kind : "object");
}

const GLOBAL_CLASSES = ["Date", "Buffer", "Map", "Set", "Promise", "Function"];

/**
 * tsc's serialization (TypeScript's `serializeTypeNode`) of a type node, as a constructor
 * name, where it differs from swc's; undefined where swc already emits the same.
 */
function serializedType(ts: typeof TS, node: TS.TypeNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string | undefined {
  if (ts.isParenthesizedTypeNode(node)) return serializedType(ts, node.type, declared, stripNullable);
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return declared.get(node.typeName.text);
  if (ts.isUnionTypeNode(node)) {
    const touched =
      (stripNullable && node.types.some(isNullable(ts))) ||
      node.types.some((t) => ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && declared.has(t.typeName.text));
    return touched ? serializedUnion(ts, node, declared, stripNullable) : undefined;
  }
  return undefined;
}

const isNullable = (ts: typeof TS) => (t: TS.TypeNode): boolean =>
  t.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);

/** A union as tsc serializes it: one constructor when all members agree, else Object. */
function serializedUnion(ts: typeof TS, node: TS.UnionTypeNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string {
  let kind: string | undefined;
  for (const t of stripNullable ? node.types.filter((t) => !isNullable(ts)(t)) : node.types) {
    const one = declaredOrPlain(ts, t, declared, stripNullable);
    if (one === "Object" || (kind !== undefined && kind !== one)) return "Object";
    kind = one;
  }
  return kind ?? "Object";
}

function declaredOrPlain(ts: typeof TS, node: TS.TypeNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return declared.get(node.typeName.text) ?? plainReference(node.typeName.text);
  return plainSerialization(ts, node, declared, stripNullable);
}

/** A class or global type referenced by name: only the common globals are known without type information. */
function plainReference(name: string): string {
  return ["String", "Number", "Boolean", "Array", "Object", "BigInt", "Symbol", ...GLOBAL_CLASSES].includes(name) ? name : `ref:${name}`;
}

function plainSerialization(ts: typeof TS, node: TS.TypeNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string {
  const k = ts.SyntaxKind;
  switch (node.kind) {
    case k.StringKeyword:
    case k.TemplateLiteralType:
      return "String";
    case k.NumberKeyword:
      return "Number";
    case k.BooleanKeyword:
      return "Boolean";
    case k.BigIntKeyword:
      return "BigInt";
    case k.SymbolKeyword:
      return "Symbol";
    case k.ArrayType:
    case k.TupleType:
      return "Array";
    case k.FunctionType:
    case k.ConstructorType:
      return "Function";
    case k.UndefinedKeyword:
    case k.VoidKeyword:
    case k.NeverKeyword:
      return "void";
  }
  if (ts.isLiteralTypeNode(node)) {
    const literal = node.literal;
    if (literal.kind === k.NullKeyword) return "void";
    if (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) return "String";
    if (ts.isNumericLiteral(literal) || ts.isPrefixUnaryExpression(literal)) return "Number";
    if (literal.kind === k.TrueKeyword || literal.kind === k.FalseKeyword) return "Boolean";
    if (ts.isBigIntLiteral(literal)) return "BigInt";
  }
  if (ts.isParenthesizedTypeNode(node)) return plainSerialization(ts, node.type, declared, stripNullable);
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return declared.get(node.typeName.text) ?? plainReference(node.typeName.text);
  if (ts.isUnionTypeNode(node)) return serializedUnion(ts, node, declared, stripNullable);
  return "Object";
}

/** What a property typed with an enum or type alias declaration serializes to. */
function serializedDeclaration(ts: typeof TS, text: string, stripNullable: boolean): string | undefined {
  const file = ts.createSourceFile("declaration.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const statement = file.statements[0];
  if (statement === undefined) return undefined;
  if (ts.isEnumDeclaration(statement)) {
    const kinds = new Set(statement.members.map((m) => (m.initializer && (ts.isStringLiteral(m.initializer) || ts.isNoSubstitutionTemplateLiteral(m.initializer)) ? "String" : "Number")));
    return kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? "Number" : "Object";
  }
  if (ts.isTypeAliasDeclaration(statement)) {
    const kind = plainSerialization(ts, statement.type, new Map(), stripNullable);
    // tsc serializes an alias of a class (even Date) as Object.
    return kind === "void" ? undefined : kind.startsWith("ref:") || GLOBAL_CLASSES.includes(kind) ? "Object" : kind;
  }
  return undefined;
}

const DECLARATION = /(?:^|[\n;])[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(?:const[ \t]+)?(enum[ \t]+([A-Za-z_$][\w$]*)[ \t]*\{[^}]*\}|type[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[^;]+;?)/g;

/** Enum and type alias declarations of a file's text (top-level, as written), by name. */
function declarationsIn(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(DECLARATION)) found.set((m[2] ?? m[3])!, m[1]!);
  return found;
}

/** The names used in type annotations (`: A`, `: A | null`, `: null | A`), in one pass. */
function annotatedNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/:\s*([\w$]+(?:\s*\|\s*[\w$]+)*)/g)) for (const name of m[1]!.split("|")) names.add(name.trim());
  return names;
}

/** `import { A, B as C } from "x"` (type-only imports too): [imported, local] pairs and the specifier. */
function namedImports(source: string): { names: [string, string][]; specifier: string }[] {
  const imports: { names: [string, string][]; specifier: string }[] = [];
  for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    const names = m[1]!
      .split(",")
      .map((part) => part.trim().replace(/^type\s+/, ""))
      .filter((part) => part !== "")
      .map((part): [string, string] => {
        const [imported, local] = part.split(/\s+as\s+/);
        return [imported!, local ?? imported!];
      });
    imports.push({ names, specifier: m[2]! });
  }
  return imports;
}

const texts = new Map<string, string | undefined>();

function readText(file: string): string | undefined {
  if (!texts.has(file)) {
    try {
      texts.set(file, readFileSync(file, "utf8"));
    } catch {
      texts.set(file, undefined);
    }
  }
  return texts.get(file);
}

function escape(name: string): string {
  return name.replace(/\$/g, "\\$");
}

/** The user's TypeScript (from the project), else the one beside retort; undefined when there is none. */
export function typescriptFor(filename: string): typeof TS | undefined {
  for (const from of [filename, __filename]) {
    try {
      return createRequire(from)("typescript") as typeof TS;
    } catch {
      // try the next place
    }
  }
  return undefined;
}
