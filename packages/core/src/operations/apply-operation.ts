import { RetortError } from "../errors/retort-error";
import { qualifiedName, sortModel, sortTable } from "../model/builders";
import type { ColumnModel, EnumTypeModel, SchemaModel, TableModel, ViewModel } from "../model/schema-model";
import type { DroppedConstraint, Operation, TableRef } from "./operation";
import { columnAfter } from "./reverse";

/** The model has no object an operation needs (the model and the ops disagree). */
export class ModelMismatchError extends RetortError {
  constructor(message: string) {
    super("model_mismatch", message);
  }
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function findTable(model: SchemaModel, ref: TableRef): TableModel {
  const t = model.tables.find((x) => x.schema === ref.schema && x.name === ref.table);
  if (!t) throw new ModelMismatchError(`table ${qualifiedName({ schema: ref.schema, name: ref.table })} does not exist`);
  return t;
}

function replaceTable(model: SchemaModel, ref: TableRef, edit: (t: TableModel) => TableModel | null): SchemaModel {
  const target = findTable(model, ref);
  const tables = model.tables.flatMap((t) => {
    if (t !== target) return [t];
    const next = edit(t);
    return next ? [sortTable(next)] : [];
  });
  return sortModel({ ...model, tables });
}

function renameColumnEverywhere(t: TableModel, from: string, to: string): TableModel {
  const rename = (c: string) => (c === from ? to : c);
  return {
    ...t,
    primaryKey: t.primaryKey && { ...t.primaryKey, columns: t.primaryKey.columns.map(rename) },
    indexes: t.indexes.map((i) => ({ ...i, parts: i.parts.map((p) => ({ ...p, column: p.column && rename(p.column) })) })),
    uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(rename) })),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(rename) })),
  };
}

function withoutConstraint(t: TableModel, c: DroppedConstraint): TableModel {
  switch (c.type) {
    case "unique":
      return { ...t, uniques: t.uniques.filter((u) => !sameJson(u, c.unique)) };
    case "foreignKey":
      return { ...t, foreignKeys: t.foreignKeys.filter((f) => !sameJson(f, c.foreignKey)) };
    case "check":
      return { ...t, checks: t.checks.filter((k) => !sameJson(k, c.check)) };
    case "primaryKey":
      return { ...t, primaryKey: null };
  }
}

function alterColumn(t: TableModel, name: string, edit: (c: ColumnModel) => ColumnModel): TableModel {
  if (!t.columns.some((c) => c.name === name)) throw new ModelMismatchError(`column ${t.name}.${name} does not exist`);
  return { ...t, columns: t.columns.map((c) => (c.name === name ? edit(c) : c)) };
}

function enumKey(e: { schema: string | null; name: string }, defaultSchema: string | null = null): string {
  return e.schema === defaultSchema || e.schema === null ? e.name : `${e.schema}.${e.name}`;
}

/** Columns typed with an enum follow the enum's values. */
function retypeEnumColumns(model: SchemaModel, e: EnumTypeModel): SchemaModel {
  const key = enumKey(e);
  const tables = model.tables.map((t) =>
    t.columns.some((c) => c.type.enumName === key)
      ? { ...t, columns: t.columns.map((c) => (c.type.enumName === key ? { ...c, type: { ...c.type, enumValues: e.values } } : c)) }
      : t,
  );
  return { ...model, tables };
}

function withoutView(model: SchemaModel, view: ViewModel): ViewModel[] {
  const found = model.views.find((v) => v.schema === view.schema && v.name === view.name);
  if (!found) throw new ModelMismatchError(`view ${qualifiedName(view)} does not exist`);
  return model.views.filter((v) => v !== found);
}

/**
 * The model after an operation: the pure twin of running it on a database. Lets tests
 * check that comparing two models offline gives the same operations as a live compare,
 * and that applying a diff closes it.
 */
export function applyOperation(model: SchemaModel, op: Operation): SchemaModel {
  switch (op.kind) {
    case "createTable":
      return sortModel({ ...model, tables: [...model.tables, op.table] });
    case "dropTable": {
      const t = findTable(model, { schema: op.table.schema, table: op.table.name });
      return { ...model, tables: model.tables.filter((x) => x !== t) };
    }
    case "renameTable": {
      const renamed = replaceTable(model, op, (t) => ({ ...t, name: op.newName }));
      const tables = renamed.tables.map((t) => ({
        ...t,
        foreignKeys: t.foreignKeys.map((f) =>
          f.referencedSchema === op.schema && f.referencedTable === op.table ? { ...f, referencedTable: op.newName } : f,
        ),
      }));
      return sortModel({ ...renamed, tables });
    }
    case "alterTableComment":
      return replaceTable(model, op, (t) => ({ ...t, comment: op.comment.to }));
    case "addColumn":
      return replaceTable(model, op, (t) => ({ ...t, columns: [...t.columns, op.column] }));
    case "dropColumn":
      return replaceTable(model, op, (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== op.column.name) }));
    case "alterColumn":
      return replaceTable(model, op, (t) => {
        const altered = alterColumn(t, op.column, (c) => columnAfter(c, op.changes));
        return op.changes.name ? renameColumnEverywhere(altered, op.changes.name.from, op.changes.name.to) : altered;
      });
    case "createIndex":
      return replaceTable(model, op, (t) => ({ ...t, indexes: [...t.indexes, op.index] }));
    case "dropIndex":
      return replaceTable(model, op, (t) => ({ ...t, indexes: t.indexes.filter((i) => i.name !== op.index.name) }));
    case "createUniqueConstraint":
      return replaceTable(model, op, (t) => ({ ...t, uniques: [...t.uniques, op.unique] }));
    case "createForeignKey":
      return replaceTable(model, op, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] }));
    case "createCheckConstraint":
      return replaceTable(model, op, (t) => ({ ...t, checks: [...t.checks, op.check] }));
    case "createPrimaryKey":
      return replaceTable(model, op, (t) => ({ ...t, primaryKey: op.primaryKey }));
    case "dropConstraint":
      return replaceTable(model, op, (t) => withoutConstraint(t, op.constraint));
    case "createExclusionConstraint":
      return replaceTable(model, op, (t) => ({ ...t, exclusions: [...(t.exclusions ?? []), op.exclusion] }));
    case "dropExclusionConstraint":
      return replaceTable(model, op, (t) => ({ ...t, exclusions: (t.exclusions ?? []).filter((x) => x.name !== op.exclusion.name) }));
    case "createExtension":
      return sortModel({ ...model, extensions: [...(model.extensions ?? []).filter((e) => e.name !== op.extension.name), op.extension] });
    case "dropExtension":
      return { ...model, extensions: (model.extensions ?? []).filter((e) => e.name !== op.extension.name) };
    case "createEnum":
      return sortModel({ ...model, enums: [...model.enums, op.enumType] });
    case "dropEnum":
      return { ...model, enums: model.enums.filter((e) => enumKey(e) !== enumKey(op.enumType)) };
    case "alterEnum": {
      const key = enumKey(op);
      const altered = model.enums.map((e) => (enumKey(e) === key ? { ...e, values: op.values.to } : e));
      const next = altered.find((e) => enumKey(e) === key);
      if (!next) throw new ModelMismatchError(`enum ${key} does not exist`);
      return retypeEnumColumns({ ...model, enums: altered }, next);
    }
    case "createView":
      return sortModel({ ...model, views: [...model.views, op.view] });
    case "dropView":
      return { ...model, views: withoutView(model, op.view) };
    case "replaceView":
      return sortModel({ ...model, views: [...withoutView(model, op.view.from), op.view.to] });
    case "refreshMaterializedView":
      return model;
    case "batchAlterTable":
      return op.operations.reduce(applyOperation, model);
    case "bulkInsert":
      return model;
    case "execute":
      throw new ModelMismatchError("raw SQL (execute) cannot be applied to a model offline");
  }
}

export function applyOperations(model: SchemaModel, ops: readonly Operation[]): SchemaModel {
  return ops.reduce(applyOperation, model);
}
