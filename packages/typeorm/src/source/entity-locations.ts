import type { LocatedObject, LocateObject, SourceLocation } from "@retort/core";
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
 * Finds the entity file and line behind each `check` difference, for editors' problem
 * matchers. TypeORM's metadata gives the class (and the property) that declared a table
 * or column; the module that exports the class is among the user modules retort loaded
 * (`loadedUserModules`); the line is found by scanning that file's text for the class and
 * the property. Tables with no entity (a removed table) have no location.
 */
export async function entityLocator(dataSource: TypeormDataSource, dataSourceFile: string | undefined): Promise<LocateObject> {
  const metadatas = (await buildEntityMetadatas(dataSource, dataSourceFile)) as unknown as readonly EntityMetadata[];
  const sources = new SourceIndex();
  return (entry) => {
    const metadata = metadatas.find((m) => m.tableName === entry.table && (entry.schema === null || m.schema === entry.schema));
    if (!metadata) return undefined;
    const owner = typeof metadata.target === "function" ? undefined : metadatas.flatMap((m) => m.relations).find((r) => r.isManyToManyOwner && r.junctionEntityMetadata === metadata);
    if (owner) return sources.locate(owner.target, owner.propertyName);
    const column = columnOf(entry, metadata);
    // Join columns have no target of their own: they belong to the entity's class.
    const declaredIn = typeof column?.target === "function" ? column.target : metadata.target;
    return sources.locate(declaredIn, column?.propertyName);
  };
}

/** The column an entry is about: its own, or the first column of an index, constraint or FK. */
function columnOf(entry: LocatedObject, metadata: EntityMetadata): ColumnMetadata | undefined {
  const name = entry.column ?? entry.columns[0];
  return name === undefined ? undefined : metadata.columns.find((c) => c.databaseName === name);
}

/** Files of loaded classes, and the lines of their classes and properties. */
class SourceIndex {
  private readonly texts = new Map<string, readonly string[]>();
  private readonly files = new Map<Function, string | undefined>();

  locate(target: unknown, property: string | undefined): SourceLocation | undefined {
    if (typeof target !== "function" || !target.name) return undefined;
    if (!this.files.has(target)) this.files.set(target, moduleFileExporting(target));
    const file = this.files.get(target);
    if (!file) return undefined;
    const lines = this.lines(file);
    const declaration = new RegExp(`\\bclass\\s+${escapeRegExp(target.name)}\\b`);
    const classLine = lines.findIndex((l) => declaration.test(l));
    if (classLine < 0) return undefined;
    const propertyLine = property === undefined ? -1 : findProperty(lines, classLine, property);
    return { file, line: (propertyLine >= 0 ? propertyLine : classLine) + 1 };
  }

  private lines(file: string): readonly string[] {
    let lines = this.texts.get(file);
    if (!lines) {
      lines = readFileSync(file, "utf8").split(/\r?\n/);
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

/** The user module (not a package) that exports the class: CommonJS or ES module. */
function moduleFileExporting(target: Function): string | undefined {
  for (const mod of loadedUserModules()) if (exportsValue(mod.exports, target)) return mod.file;
  return undefined;
}

function exportsValue(exported: unknown, target: Function): boolean {
  if (exported === target) return true;
  if (exported === null || typeof exported !== "object") return false;
  try {
    return Object.values(exported).includes(target);
  } catch {
    return false; // a throwing getter: not an entity module
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
