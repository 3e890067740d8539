import { readFileSync } from "node:fs";

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
 * it imports from) and only then parses with swc (syntax only: the file and just the
 * declarations concerned; TypeScript's own parser costs several times more), rewriting
 * the property's type annotation to a keyword type that swc serializes to the same
 * constructor. Types are erased, so nothing else changes.
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
export function applyMetadataTypes(source: string, plan: MetadataTypePlan, swc: Swc): string {
  const declared = new Map<string, string>();
  for (const [name, text] of plan.declarations) {
    const kind = serializedDeclaration(swc, text, plan.stripNullable);
    if (kind !== undefined) declared.set(name, kind);
  }
  const bytes = Buffer.from(source, "utf8");
  const module = swc.parseSync(source, PARSE_OPTIONS) as unknown as AstNode;
  // swc spans are 1-based byte offsets into this source; anything else (another swc's
  // numbering) and the file is left as swc compiles it.
  if ((module.span?.end ?? Infinity) > bytes.length + 1) return source;
  const edits: { start: number; end: number; text: string }[] = [];
  walk(module, (node) => {
    if (node.type !== "ClassProperty" || !(node.decorators as unknown[] | undefined)?.length) return;
    const type = (node.typeAnnotation as AstNode | undefined)?.typeAnnotation as AstNode | undefined;
    if (type?.span === undefined) return;
    const kind = serializedType(type, declared, plan.stripNullable);
    if (kind !== undefined) edits.push({ start: type.span.start - 1, end: type.span.end - 1, text: annotationFor(kind) });
  });
  if (edits.length === 0) return source;
  const parts: Buffer[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at || edit.end > bytes.length) return source;
    parts.push(bytes.subarray(at, edit.start), Buffer.from(edit.text));
    at = edit.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts).toString("utf8");
}

type Swc = typeof import("@swc/core");

const PARSE_OPTIONS = { syntax: "typescript", decorators: true, tsx: false } as const;

interface AstNode {
  readonly type?: string;
  readonly span?: { readonly start: number; readonly end: number };
  readonly [key: string]: unknown;
}

function walk(node: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node !== null && typeof node === "object") {
    visit(node as AstNode);
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") walk(value, visit);
  }
}

/** A keyword type swc serializes to `kind`: a keyword, or the class itself for a reference. */
function annotationFor(kind: string): string {
  if (kind.startsWith("ref:")) return kind.slice(4);
  return KEYWORD_FOR[kind] ?? (GLOBAL_CLASSES.includes(kind) ? kind : "object");
}

const GLOBAL_CLASSES = ["Date", "Buffer", "Map", "Set", "Promise", "Function"];

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

const referenceName = (node: AstNode): string | undefined =>
  node.type === "TsTypeReference" && (node.typeName as AstNode).type === "Identifier" ? ((node.typeName as AstNode).value as string) : undefined;

const isNullable = (node: AstNode): boolean => node.type === "TsKeywordType" && (node.kind === "null" || node.kind === "undefined");

/**
 * tsc's serialization (TypeScript's `serializeTypeNode`) of a type node, as a constructor
 * name, where it differs from swc's; undefined where swc already emits the same.
 */
function serializedType(node: AstNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string | undefined {
  if (node.type === "TsParenthesizedType") return serializedType(node.typeAnnotation as AstNode, declared, stripNullable);
  const name = referenceName(node);
  if (name !== undefined) return declared.get(name);
  if (node.type === "TsUnionType") {
    const types = node.types as AstNode[];
    const touched = (stripNullable && types.some(isNullable)) || types.some((t) => declared.has(referenceName(t) ?? ""));
    return touched ? serializedUnion(types, declared, stripNullable) : undefined;
  }
  return undefined;
}

/** A union as tsc serializes it: one constructor when all members agree, else Object. */
function serializedUnion(types: readonly AstNode[], declared: ReadonlyMap<string, string>, stripNullable: boolean): string {
  let kind: string | undefined;
  for (const t of stripNullable ? types.filter((t) => !isNullable(t)) : types) {
    const one = plainSerialization(t, declared, stripNullable);
    if (one === "Object" || (kind !== undefined && kind !== one)) return "Object";
    kind = one;
  }
  return kind ?? "Object";
}

/** A class or global type referenced by name: only the common globals are known without type information. */
function plainReference(name: string): string {
  return ["String", "Number", "Boolean", "Array", "Object", "BigInt", "Symbol", ...GLOBAL_CLASSES].includes(name) ? name : `ref:${name}`;
}

const KEYWORDS: Record<string, string> = {
  string: "String",
  number: "Number",
  boolean: "Boolean",
  bigint: "BigInt",
  symbol: "Symbol",
  undefined: "void",
  null: "void",
  void: "void",
  never: "void",
};

function plainSerialization(node: AstNode, declared: ReadonlyMap<string, string>, stripNullable: boolean): string {
  switch (node.type) {
    case "TsKeywordType":
      return KEYWORDS[node.kind as string] ?? "Object";
    case "TsArrayType":
    case "TsTupleType":
      return "Array";
    case "TsFunctionType":
    case "TsConstructorType":
      return "Function";
    case "TsParenthesizedType":
      return plainSerialization(node.typeAnnotation as AstNode, declared, stripNullable);
    case "TsUnionType":
      return serializedUnion(node.types as AstNode[], declared, stripNullable);
    case "TsLiteralType": {
      const literal = (node.literal as AstNode).type;
      if (literal === "StringLiteral" || literal === "TemplateLiteral" || literal === "TsTemplateLiteralType") return "String";
      if (literal === "NumericLiteral") return "Number";
      if (literal === "BooleanLiteral") return "Boolean";
      if (literal === "BigIntLiteral") return "BigInt";
      return "Object";
    }
  }
  const name = referenceName(node);
  if (name !== undefined) return declared.get(name) ?? plainReference(name);
  return "Object";
}

/** What a property typed with an enum or type alias declaration serializes to. */
function serializedDeclaration(swc: Swc, text: string, stripNullable: boolean): string | undefined {
  let statement: AstNode | undefined;
  try {
    statement = (swc.parseSync(text, PARSE_OPTIONS).body[0] as unknown as AstNode | undefined) ?? undefined;
  } catch {
    return undefined; // not a declaration after all (a regular expression's guess): leave it to swc
  }
  if (statement?.type === "TsEnumDeclaration") {
    const kinds = new Set((statement.members as AstNode[]).map((m) => {
      const init = m.init as AstNode | null | undefined;
      return init?.type === "StringLiteral" || init?.type === "TemplateLiteral" ? "String" : "Number";
    }));
    return kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? "Number" : "Object";
  }
  if (statement?.type === "TsTypeAliasDeclaration") {
    const kind = plainSerialization(statement.typeAnnotation as AstNode, new Map(), stripNullable);
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
