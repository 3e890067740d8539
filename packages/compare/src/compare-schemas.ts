import { compareText, type ForeignKeyModel, type Operation, type SchemaModel, type TableModel } from "@retort/core";
import { DIALECT_TRAITS } from "./dialect-traits";
import { compareChecks } from "./objects/checks";
import { compareExclusions } from "./objects/exclusions";
import { compareColumns } from "./objects/columns";
import { compareEnums } from "./objects/enums";
import { compareExtensions } from "./objects/extensions";
import { compareForeignKeys } from "./objects/foreign-keys";
import { rebuildKeysOnRetypedColumns } from "./objects/locked-foreign-keys";
import { comparePrimaryKeys } from "./objects/primary-keys";
import { compareTableComments } from "./objects/table-comments";
import { orderByDependencies, tableKey } from "./objects/table-order";
import { compareUniquesAndIndexes } from "./objects/uniques";
import { compareViews } from "./objects/views";
import { scopeModel } from "./model-scope";
import { resolveOptions, type CompareOptions } from "./options";
import { pairObjects } from "./pairing";
import { emptyChanges, type TableChanges, type TableScope } from "./table-scope";

/**
 * The operations that turn `actual` (the reflected database) into `target` (the
 * entities' model). Deterministic, and ordered so that each operation can run after
 * the ones before it:
 *
 *  0. extensions the entities need (before anything that uses them);
 *     views that go away, change under a changed table, or read a table whose columns change;
 *  1. new enum types, then changed enum values;
 *  2. foreign keys that go away or change (so nothing references what is dropped next),
 *     and on MySQL those whose columns change type or lose their only index;
 *  3. dropped tables, referencing tables first;
 *  4. per table (by schema and name): dropped indexes and constraints, then columns
 *     (added, altered, dropped) and the table comment, then new keys, uniques, indexes, checks;
 *  5. new tables, referenced tables first, each with everything it holds;
 *  6. new foreign keys on existing tables (and those closing a cycle of new tables);
 *  7. enum types no longer used;
 *  8. new and changed views (a view after the views it reads), and those put back;
 *  9. extensions `includeObject` asks to drop.
 */
export function compareSchemas(target: SchemaModel, actual: SchemaModel, options: CompareOptions = {}): Operation[] {
  const resolved = resolveOptions(options);
  const dialect = actual.dialect;
  const traits = DIALECT_TRAITS[dialect];
  const reflectedSchemas = actual.schemas;
  const t = scopeModel(target, false, resolved, reflectedSchemas);
  const a = scopeModel(actual, true, resolved, reflectedSchemas);

  const sorted = (tables: readonly TableModel[]) => [...tables].sort((x, y) => compareText(tableKey(x), tableKey(y)));
  const tables = pairObjects(sorted(t.tables), sorted(a.tables), [{ key: tableKey }]);
  const filter = resolved.includeObject ?? (() => true);
  const added = tables.onlyTarget.filter((x) => filter(x, x.name, "table", false, null));
  const dropped = tables.onlyActual.filter((x) => filter(x, x.name, "table", true, null));
  const compared = tables.both
    .filter(([x, y]) => filter(x, x.name, "table", false, y))
    .map(([x, y]) => {
      const scope: TableScope = { dialect, traits, options: resolved, ref: { schema: y.schema, table: y.name }, target: x, actual: y };
      return { scope, changes: compareTable(scope) };
    });
  rebuildKeysOnRetypedColumns(traits, compared);
  const changes: TableChanges[] = compared.map((c) => c.changes);
  const extensions = compareExtensions(t, a, resolved);
  const enums = compareEnums(t.enums, a.enums, traits, resolved);
  const views = compareViews(t.views, a.views, { names: changedTables(dialect, compared, dropped) }, resolved);
  const creation = orderByDependencies(added);
  const removal = orderByDependencies(dropped);
  const createdLater = deferredByTable(creation.deferred);
  const removedLater = deferredByTable(removal.deferred);
  const all = <K extends "dropForeignKeys" | "dropConstraints" | "columns" | "createConstraints" | "createForeignKeys">(k: K) =>
    changes.flatMap((c) => c[k]);

  return [
    ...extensions.create,
    ...views.drop,
    ...enums.create,
    ...enums.alter,
    ...all("dropForeignKeys"),
    ...removal.deferred.map(({ table, foreignKey }) => dropForeignKey(table, foreignKey)),
    ...[...removal.ordered].reverse().map((table): Operation => ({ kind: "dropTable", table: withoutDeferred(table, removedLater) })),
    ...all("dropConstraints"),
    ...all("columns"),
    ...all("createConstraints"),
    ...creation.ordered.map((table): Operation => ({ kind: "createTable", table: withoutDeferred(table, createdLater) })),
    ...all("createForeignKeys"),
    ...creation.deferred.map(({ table, foreignKey }): Operation => ({
      kind: "createForeignKey",
      schema: table.schema,
      table: table.name,
      foreignKey,
    })),
    ...enums.drop,
    ...views.create,
    ...extensions.drop,
  ];
}

/**
 * Tables a view reading them must step aside for: columns change (PostgreSQL refuses to
 * retype a column a view uses), the table goes, or on SQLite the table is rebuilt.
 */
function changedTables(
  dialect: SchemaModel["dialect"],
  compared: readonly { scope: TableScope; changes: TableChanges }[],
  dropped: readonly TableModel[],
): Set<string> {
  const names = new Set(dropped.map((x) => x.name));
  for (const { scope, changes } of compared) {
    const columnsChange = changes.columns.some((op) => op.kind !== "addColumn" && op.kind !== "alterTableComment");
    const rebuilt = dialect === "sqlite" && (changes.columns.length > 0 || changes.dropConstraints.length > 0 || changes.createConstraints.length > 0);
    if (columnsChange || rebuilt) names.add(scope.ref.table);
  }
  return names;
}

function compareTable(scope: TableScope): TableChanges {
  const out = emptyChanges();
  compareColumns(scope, out);
  compareTableComments(scope, out);
  comparePrimaryKeys(scope, out);
  compareUniquesAndIndexes(scope, out);
  compareChecks(scope, out);
  compareExclusions(scope, out);
  compareForeignKeys(scope, out);
  return out;
}

function dropForeignKey(table: TableModel, foreignKey: ForeignKeyModel): Operation {
  return { kind: "dropConstraint", schema: table.schema, table: table.name, constraint: { type: "foreignKey", foreignKey } };
}

/** The deferred foreign keys of each table (looked up once per table: linear in the number of tables). */
function deferredByTable(deferred: readonly { table: TableModel; foreignKey: ForeignKeyModel }[]): Map<TableModel, Set<ForeignKeyModel>> {
  const byTable = new Map<TableModel, Set<ForeignKeyModel>>();
  for (const { table, foreignKey } of deferred) {
    const keys = byTable.get(table);
    if (keys) keys.add(foreignKey);
    else byTable.set(table, new Set([foreignKey]));
  }
  return byTable;
}

function withoutDeferred(table: TableModel, deferred: ReadonlyMap<TableModel, ReadonlySet<ForeignKeyModel>>): TableModel {
  const mine = deferred.get(table);
  return mine === undefined ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !mine.has(fk)) };
}
