import type {
  CheckConstraintModel,
  ExclusionConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  ParentNames,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
} from "@retort/core";

/** A table while its catalog rows are being gathered; frozen into a TableModel at the end. */
export interface ReflectedTable {
  readonly schema: string | null;
  readonly name: string;
  readonly comment: string | null;
  readonly parents: ParentNames;
  /** attnum → column name, for every column (filtered ones too: constraints name them by number). */
  readonly columnNames: Map<number, string>;
  readonly columns: ColumnModel[];
  primaryKey: PrimaryKeyModel | null;
  readonly indexes: IndexModel[];
  readonly uniques: UniqueConstraintModel[];
  readonly foreignKeys: ForeignKeyModel[];
  readonly checks: CheckConstraintModel[];
  readonly exclusions: ExclusionConstraintModel[];
}

export function newReflectedTable(schema: string | null, name: string, comment: string | null): ReflectedTable {
  return {
    schema,
    name,
    comment,
    parents: {
      schemaName: schema,
      tableName: name,
      schemaQualifiedTableName: schema === null ? name : `${schema}.${name}`,
    },
    columnNames: new Map(),
    columns: [],
    primaryKey: null,
    indexes: [],
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
  };
}

export function toTableModel(t: ReflectedTable): TableModel {
  return {
    schema: t.schema,
    name: t.name,
    comment: t.comment,
    columns: t.columns,
    primaryKey: t.primaryKey,
    indexes: t.indexes,
    uniques: t.uniques,
    foreignKeys: t.foreignKeys,
    checks: t.checks,
    ...(t.exclusions.length > 0 ? { exclusions: t.exclusions } : {}),
  };
}
