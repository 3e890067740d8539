/**
 * What Prisma Migrate builds but the DMMF leaves out, read from the schema text
 * (README.md "Prisma schemas"): `view` blocks (Migrate never creates them), enums'
 * `@@schema`, `Unsupported("…")` fields and `@ignore`/`@@ignore` (Migrate still creates
 * those columns and tables), `@relation(map: "…")` foreign-key names, and the datasource's
 * `relationMode`.
 *
 * `forDmmf` is the text handed to Prisma's parser: `@ignore`/`@@ignore` blanked and
 * `Unsupported("…")` read as `String`, so the DMMF holds those fields and models too;
 * every line keeps its number, so Prisma's error locations still point at the user's file.
 */
export interface SchemaTextFacts {
  readonly views: ReadonlySet<string>;
  /** Enum name → its `@@schema`. */
  readonly enumSchemas: ReadonlyMap<string, string>;
  /** `Model.field` → the SQL type inside `Unsupported("…")`. */
  readonly unsupported: ReadonlyMap<string, string>;
  /** `Model.field` → a numeric `@default` as written (`12.50`): the DMMF gives `12.5`, Prisma writes the text. */
  readonly numericDefaults: ReadonlyMap<string, string>;
  /** `Model.field` → the foreign-key name a relation field gives with `@relation(map: "…")`. */
  readonly relationMaps: ReadonlyMap<string, string>;
  /** `relationMode = "prisma"`: no foreign keys in the database. */
  readonly emulatedRelations: boolean;
  /** The datasource's `schemas = [...]` (multiSchema), empty when absent. */
  readonly schemas: readonly string[];
}

export function readSchemaText(files: readonly (readonly [path: string, text: string])[]): {
  facts: SchemaTextFacts;
  forDmmf: [string, string][];
} {
  const views = new Set<string>();
  const enumSchemas = new Map<string, string>();
  const unsupported = new Map<string, string>();
  const numericDefaults = new Map<string, string>();
  const relationMaps = new Map<string, string>();
  let emulatedRelations = false;
  let schemas: string[] = [];
  const forDmmf = files.map(([path, text]): [string, string] => {
    const keyed = keyedModels(text);
    let block: { kind: string; name: string } | null = null;
    const lines = text.split("\n").map((line) => {
      const code = withoutComment(line);
      const opening = /^\s*(model|view|enum|type|datasource|generator)\s+(\w+)\s*\{/.exec(code);
      if (opening) {
        block = { kind: opening[1]!, name: opening[2]! };
        if (block.kind === "view") views.add(block.name);
        return line;
      }
      if (!block) return line;
      if (/^\s*\}/.test(code)) {
        block = null;
        return line;
      }
      const { kind, name } = block as { kind: string; name: string };
      if (kind === "datasource" && /^\s*relationMode\s*=\s*"prisma"/.test(code)) emulatedRelations = true;
      const listed = kind === "datasource" ? /^\s*schemas\s*=\s*\[([^\]]*)\]/.exec(code) : null;
      if (listed) schemas = [...listed[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
      if (kind === "enum") {
        const schema = /@@schema\(\s*"([^"]+)"\s*\)/.exec(code);
        if (schema) enumSchemas.set(name, schema[1]!);
      }
      if (kind !== "model") return line;
      // A model with no id or unique stays ignored: Prisma accepts it only so (a known gap).
      let out = (keyed.has(name) ? code.replace(/@@ignore\b/, "        ") : code).replace(/@ignore\b/, "       ");
      const numeric = /^\s*(\w+)\s.*@default\(\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\)/.exec(code);
      if (numeric) numericDefaults.set(`${name}.${numeric[1]}`, numeric[2]!);
      const relation = /^\s*(\w+)\s.*@relation\(([^)]*)\)/.exec(code);
      const map = relation ? /\bmap\s*:\s*"([^"]+)"/.exec(relation[2]!) : null;
      if (map) relationMaps.set(`${name}.${relation![1]}`, map[1]!);
      const field = /^\s*(\w+)\s+Unsupported\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(out);
      if (field) {
        unsupported.set(`${name}.${field[1]}`, field[2]!.replace(/\\"/g, '"'));
        out = out.replace(/Unsupported\(\s*"(?:[^"\\]|\\.)*"\s*\)/, "String");
      }
      return out === code ? line : out + line.slice(code.length);
    });
    return [path, lines.join("\n")];
  });
  return { facts: { views, enumSchemas, unsupported, numericDefaults, relationMaps, emulatedRelations, schemas }, forDmmf };
}

/** Models that declare an id or a unique (`@id`, `@@id`, `@unique`, `@@unique`). */
function keyedModels(text: string): Set<string> {
  const keyed = new Set<string>();
  for (const m of text.matchAll(/^\s*model\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm)) {
    const body = m[2]!.split("\n").map(withoutComment).join("\n");
    if (/@@?(id|unique)\b/.test(body)) keyed.add(m[1]!);
  }
  return keyed;
}

/** The line up to a `//` comment that is not inside a string. */
function withoutComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && inString) i++;
    else if (c === '"') inString = !inString;
    else if (c === "/" && line[i + 1] === "/" && !inString) return line.slice(0, i);
  }
  return line;
}
