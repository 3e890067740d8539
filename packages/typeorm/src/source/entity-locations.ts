import type { LocateObject, SourceLocation } from "@retort/core";
import { loadedUserModules } from "@retort/loader";
import { readFileSync } from "node:fs";
import { buildEntityMetadatas } from "../loading/build-entity-metadatas";
import type { TypeormDataSource } from "../typeorm-shapes";

/** The parts of TypeORM's entity metadata a location needs (the same in 0.3 and 1.x). */
interface PropertyMetadata {
  /** The declaring class; `undefined` on join columns. */
  readonly target: unknown;
  readonly propertyName: string;
}
interface ColumnMetadata extends PropertyMetadata {
  readonly databaseName: string;
}
interface RelationMetadata extends PropertyMetadata {
  readonly junctionEntityMetadata?: unknown;
  readonly isManyToManyOwner: boolean;
}
interface EntityMetadata {
  readonly target: unknown;
  readonly tableName: string;
  readonly schema?: string;
  readonly columns: readonly ColumnMetadata[];
  readonly relations: readonly RelationMetadata[];
}

/**
 * Where each table and column is declared, as plain JSON: the model cache keeps it, so
 * that `check` can point at file and line when its model came from the cache, without
 * loading an entity (README.md, "Caches"). A table's declaring file and class, and for
 * each column the class property (with its own file and class when a base class
 * declares it); a junction table is declared by its owning relation.
 */
export interface EntityDeclarations {
  readonly tables: readonly DeclaredTable[];
}

interface DeclaredTable {
  readonly schema: string | null;
  readonly table: string;
  /** The declaring class; `null` when it is not found (its columns may still be). */
  readonly at: Declared | null;
  /** Column name → the property of `at`'s class, or where another class declares it. */
  readonly columns: Readonly<Record<string, string | Declared>>;
}

/** A class (its file and name) and, for a property, the property's name. */
type Declared = readonly [file: string, className: string, property?: string];

/** The declarations of the built metadata; classes are found among the loaded user modules (`loadedUserModules`). */
export function entityDeclarations(built: readonly object[]): EntityDeclarations {
  const metadatas = built as unknown as readonly EntityMetadata[];
  const files = exportingFiles();
  const declared = (target: unknown, property?: string): Declared | undefined => {
    const file = typeof target === "function" && target.name ? files.get(target) : undefined;
    return file === undefined ? undefined : property === undefined ? [file, (target as Function).name] : [file, (target as Function).name, property];
  };
  const owners = new Map<unknown, RelationMetadata>();
  for (const m of metadatas) for (const r of m.relations) if (r.isManyToManyOwner && r.junctionEntityMetadata && !owners.has(r.junctionEntityMetadata)) owners.set(r.junctionEntityMetadata, r);
  const tables: DeclaredTable[] = [];
  for (const metadata of metadatas) {
    const schema = metadata.schema ?? null;
    const owner = typeof metadata.target === "function" ? undefined : owners.get(metadata);
    if (owner) {
      const at = declared(owner.target, owner.propertyName);
      if (at) tables.push({ schema, table: metadata.tableName, at, columns: {} });
      continue;
    }
    const at = declared(metadata.target) ?? null;
    const columns: Record<string, string | Declared> = {};
    for (const column of metadata.columns) {
      if (column.databaseName in columns) continue;
      // Join columns have no target of their own: they belong to the entity's class.
      const declaredIn = typeof column.target === "function" ? column.target : metadata.target;
      if (declaredIn === metadata.target) {
        if (at) columns[column.databaseName] = column.propertyName;
      }
      else {
        const elsewhere = declared(declaredIn, column.propertyName);
        if (elsewhere) columns[column.databaseName] = elsewhere;
      }
    }
    if (at || Object.keys(columns).length > 0) tables.push({ schema, table: metadata.tableName, at, columns });
  }
  return { tables };
}

/**
 * Finds the entity file and line behind each `check` difference, for editors' problem
 * matchers: the declaring class's line, or its property's, found by scanning the file's
 * text. Tables with no entity (a removed table) have no location.
 */
export function declarationLocator(declarations: EntityDeclarations): LocateObject {
  const byTable = new Map<string, DeclaredTable[]>();
  for (const t of declarations.tables) byTable.set(t.table, [...(byTable.get(t.table) ?? []), t]);
  const sources = new SourceIndex();
  return (entry) => {
    const table = byTable.get(entry.table ?? "")?.find((t) => entry.schema === null || t.schema === entry.schema);
    if (!table) return undefined;
    const name = entry.column ?? entry.columns[0];
    const column = name === undefined ? undefined : table.columns[name];
    const declaredAt = typeof column === "object" ? column : table.at;
    if (!declaredAt) return undefined;
    const [file, className, property] = declaredAt;
    return sources.locate(file, className, typeof column === "string" ? column : property);
  };
}

/** The locator of a DataSource's entities (built here if they were not). */
export async function entityLocator(dataSource: TypeormDataSource, dataSourceFile: string | undefined): Promise<LocateObject> {
  return declarationLocator(entityDeclarations(await buildEntityMetadatas(dataSource, dataSourceFile)));
}

/** Does the stored value look like `EntityDeclarations` (the model cache's copy)? */
export function isEntityDeclarations(value: unknown): value is EntityDeclarations {
  return typeof value === "object" && value !== null && Array.isArray((value as { tables?: unknown }).tables);
}

/** The lines of entity files, and of their classes and properties. */
class SourceIndex {
  private readonly texts = new Map<string, readonly string[] | null>();

  locate(file: string, className: string, property: string | undefined): SourceLocation | undefined {
    const lines = this.lines(file);
    if (!lines) return undefined;
    const declaration = new RegExp(`\\bclass\\s+${escapeRegExp(className)}\\b`);
    const classLine = lines.findIndex((l) => declaration.test(l));
    if (classLine < 0) return undefined;
    const propertyLine = property === undefined ? -1 : findProperty(lines, classLine, property);
    return { file, line: (propertyLine >= 0 ? propertyLine : classLine) + 1 };
  }

  private lines(file: string): readonly string[] | null {
    let lines = this.texts.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(file, "utf8").split(/\r?\n/);
      } catch {
        lines = null; // moved since: no location
      }
      this.texts.set(file, lines);
    }
    return lines;
  }
}

/** `name!: string;`, `readonly name?: Date`, `name = 0;` after the class line. */
function findProperty(lines: readonly string[], from: number, property: string): number {
  const declaration = new RegExp(`^\\s*(?:@.*\\)\\s*)*(?:(?:public|protected|private|readonly|declare)\\s+)*${escapeRegExp(property)}\\s*[!?]?\\s*[:=;]`);
  for (let i = from + 1; i < lines.length; i++) {
    if (declaration.test(lines[i])) return i;
    if (/^\S.*\bclass\s/.test(lines[i])) break;
  }
  return -1;
}

/** The first user module (not a package) exporting each class, CommonJS or ES module: one pass over the loaded modules. */
function exportingFiles(): Map<unknown, string> {
  const files = new Map<unknown, string>();
  const note = (value: unknown, file: string) => {
    if (typeof value === "function" && !files.has(value)) files.set(value, file);
  };
  for (const mod of loadedUserModules()) {
    note(mod.exports, mod.file);
    if (mod.exports === null || typeof mod.exports !== "object") continue;
    try {
      for (const value of Object.values(mod.exports)) note(value, mod.file);
    } catch {
      // a throwing getter: not an entity module
    }
  }
  return files;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
