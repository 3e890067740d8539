import type { LocateObject, SourceLocation } from "@retort/core";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** A model block: where it starts, and the line of each field by column name. */
interface ModelLines {
  readonly model: SourceLocation;
  readonly columns: ReadonlyMap<string, SourceLocation>;
}

const MAP = /@map\(\s*(?:name:\s*)?"([^"]+)"/;

/**
 * The `schema.prisma:line` of each `check` difference (docs/reference.md §2): a table is
 * its `model` line, a column (or an index or key on it) the field's line. Table and
 * column names follow `@@map` and `@map`. Implicit many-to-many tables (`_PostToTag`)
 * and tables no model declares have no location.
 */
export function prismaLocator(schemaPath: string): LocateObject {
  const tables = new Map<string, ModelLines>();
  for (const file of prismaFiles(schemaPath)) {
    const lines = readFileSync(file, "utf8").split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const start = /^\s*model\s+(\w+)\s*\{/.exec(lines[i]!);
      if (!start) continue;
      let table = start[1]!;
      const columns = new Map<string, SourceLocation>();
      for (i++; i < lines.length && !/^\s*\}/.test(lines[i]!); i++) {
        const line = lines[i]!;
        const tableMap = /^\s*@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(line);
        if (tableMap) table = tableMap[1]!;
        const field = /^\s*(\w+)\s+\w/.exec(line);
        if (field) columns.set(MAP.exec(line)?.[1] ?? field[1]!, { file, line: i + 1 });
      }
      tables.set(table, { model: { file, line: lineOfModel(lines, start[1]!) }, columns });
    }
  }
  return (entry) => {
    const model = entry.table === null ? undefined : tables.get(entry.table);
    if (!model) return undefined;
    const column = entry.column ?? entry.columns[0];
    return (column !== undefined ? model.columns.get(column) : undefined) ?? model.model;
  };
}

function lineOfModel(lines: readonly string[], name: string): number {
  return lines.findIndex((l) => new RegExp(`^\\s*model\\s+${name}\\s*\\{`).test(l)) + 1;
}

function prismaFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((n) => n.endsWith(".prisma"))
    .sort()
    .map((n) => join(path, n));
}
