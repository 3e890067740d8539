import {
  COLUMN_NAMES,
  DEFAULTS,
  ENTITY_NAMES,
  ENUM_LABELS,
  FK_NAMES,
  MAX_COLUMNS,
  MAX_ENTITIES,
  MAX_INDEXES,
  sanitize,
  type ColumnSpec,
  type EntitySpec,
  type IndexSpec,
  type Family,
  type OnDelete,
  type SchemaSpec,
} from "./schema-spec";

/**
 * One change to an entity set. `pick*` fields are free numbers resolved modulo the
 * current lists when the change is applied, so any change applies to any set (or is a
 * no-op), and fast-check can shrink the two independently. A column, index or FK change
 * picks among the objects of the whole set it applies to (`pickColumn` among varchar
 * columns for widenVarchar), so few changes are no-ops; `pick` is then unused.
 */
export type Change =
  | { readonly kind: "addEntity"; readonly entity: EntitySpec }
  | { readonly kind: "dropEntity"; readonly pick: number }
  | { readonly kind: "addColumn"; readonly pick: number; readonly column: ColumnSpec }
  | { readonly kind: "dropColumn"; readonly pick: number; readonly pickColumn: number }
  | { readonly kind: "toggleNullable"; readonly pick: number; readonly pickColumn: number }
  | { readonly kind: "changeDefault"; readonly pick: number; readonly pickColumn: number; readonly choice: number | null }
  | { readonly kind: "widenVarchar"; readonly pick: number; readonly pickColumn: number; readonly by: number }
  | { readonly kind: "toggleUnique"; readonly pick: number; readonly pickColumn: number }
  /** int → bigint, varchar → text (not indexed ones on MySQL), decimal precision + `by`. */
  | { readonly kind: "widenType"; readonly pick: number; readonly pickColumn: number; readonly by: number }
  /** A PostgreSQL enum gains a label at its end. */
  | { readonly kind: "addEnumValue"; readonly pick: number; readonly pickColumn: number }
  | { readonly kind: "addIndex"; readonly pick: number; readonly pickColumns: readonly number[]; readonly indexKind: IndexSpec["kind"] }
  | { readonly kind: "dropIndex"; readonly pick: number; readonly pickIndex: number }
  | { readonly kind: "addFk"; readonly pick: number; readonly pickTarget: number; readonly onDelete: OnDelete }
  | { readonly kind: "dropFk"; readonly pick: number; readonly pickFk: number }
  /** The FK's ON DELETE becomes another one (a remove_fk plus an add_fk). */
  | { readonly kind: "changeFkAction"; readonly pick: number; readonly pickFk: number; readonly onDelete: OnDelete };

const at = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

function replaceEntity(spec: SchemaSpec, entity: EntitySpec, next: EntitySpec): SchemaSpec {
  return { entities: spec.entities.map((e) => (e === entity ? next : e)) };
}

function replaceColumn(entity: EntitySpec, column: ColumnSpec, next: ColumnSpec): EntitySpec {
  return { ...entity, columns: entity.columns.map((c) => (c === column ? next : c)) };
}

/** A column added to a table with rows must accept them: nullable, or NOT NULL with a default. */
function addable(column: ColumnSpec): ColumnSpec {
  return column.nullable || column.defaultChoice !== null ? column : { ...column, nullable: true };
}

function freeName<T extends string>(pool: readonly T[], used: readonly string[]): T | undefined {
  return pool.find((n) => !used.includes(n));
}

/** The set after the change, sanitized for the family (the same set when it does not apply). */
export function applyChange(spec: SchemaSpec, change: Change, family: Family): SchemaSpec {
  return sanitize(applyRaw(spec, change, family), family);
}

/** The wider type of a column, or null (MySQL cannot keep an index on TEXT: such a varchar stays). */
function widened(c: ColumnSpec, by: number, indexed: boolean, family: Family): ColumnSpec | null {
  if (c.kind === "int") return { ...c, kind: "bigint" };
  if (c.kind === "varchar" && !(family === "mysql" && indexed)) return { ...c, kind: "text" };
  if (c.kind === "decimal" && c.precision < 18) return { ...c, precision: Math.min(18, c.precision + by) };
  return null;
}

function applyRaw(spec: SchemaSpec, change: Change, family: Family): SchemaSpec {
  if (change.kind === "addEntity") {
    const name = freeName(ENTITY_NAMES, spec.entities.map((e) => e.name));
    if (!name || spec.entities.length >= MAX_ENTITIES) return spec;
    const entity = renameEntity(change.entity, name);
    return { entities: [...spec.entities, { ...entity, fks: entity.fks.filter((f) => f.target === name || spec.entities.some((e) => e.name === f.target)) }] };
  }
  const entity = at(spec.entities, change.pick);
  if (!entity) return spec;
  switch (change.kind) {
    case "dropEntity":
      return spec.entities.length <= 1 ? spec : { entities: spec.entities.filter((e) => e !== entity) };
    case "addColumn": {
      const name = freeName(COLUMN_NAMES, entity.columns.map((c) => c.name));
      if (!name || entity.columns.length >= MAX_COLUMNS) return spec;
      return replaceEntity(spec, entity, { ...entity, columns: [...entity.columns, addable({ ...change.column, name })] });
    }
    case "dropColumn": {
      const picked = at(allColumns(spec), change.pickColumn);
      if (!picked) return spec;
      const [owner, column] = picked;
      return replaceEntity(spec, owner, {
        ...owner,
        columns: owner.columns.filter((c) => c !== column),
        indexes: owner.indexes.filter((i) => !i.columns.includes(column.name)),
      });
    }
    case "toggleNullable":
      return alterColumn(spec, change.pickColumn, () => true, (c) => ({ ...c, nullable: !c.nullable }));
    case "changeDefault":
      return alterColumn(spec, change.pickColumn, () => true, (c) => ({
        ...c,
        defaultChoice: change.choice === null ? null : change.choice % DEFAULTS[c.kind].length,
      }));
    case "widenVarchar":
      return alterColumn(spec, change.pickColumn, (c) => c.kind === "varchar" && c.length < 255, (c) => ({ ...c, length: Math.min(255, c.length + change.by) }));
    case "toggleUnique":
      return alterColumn(spec, change.pickColumn, () => true, (c) => ({ ...c, unique: !c.unique }));
    case "widenType": {
      const indexed = (e: EntitySpec, c: ColumnSpec) => c.unique || e.indexes.some((i) => i.columns.includes(c.name));
      const picked = at(allColumns(spec).filter(([e, c]) => widened(c, change.by, indexed(e, c), family) !== null), change.pickColumn);
      if (!picked) return spec;
      const [owner, column] = picked;
      return replaceEntity(spec, owner, replaceColumn(owner, column, widened(column, change.by, indexed(owner, column), family)!));
    }
    case "addEnumValue":
      return alterColumn(spec, change.pickColumn, (c) => c.kind === "enum" && c.enumValues.length < ENUM_LABELS.length, (c) => ({
        ...c,
        enumValues: [...c.enumValues, ENUM_LABELS.find((l) => !c.enumValues.includes(l))!],
      }));
    case "addIndex": {
      if (entity.indexes.length >= MAX_INDEXES || entity.columns.length === 0) return spec;
      const columns = [...new Set(change.pickColumns.map((n) => entity.columns[n % entity.columns.length]!.name))];
      const name = `ix_${entity.name}_${nextIndexNumber(entity)}`;
      return replaceEntity(spec, entity, { ...entity, indexes: [...entity.indexes, { name, columns, kind: change.indexKind }] });
    }
    case "dropIndex": {
      const picked = at(spec.entities.flatMap((e) => e.indexes.map((i) => [e, i] as const)), change.pickIndex);
      if (!picked) return spec;
      const [owner, index] = picked;
      return replaceEntity(spec, owner, { ...owner, indexes: owner.indexes.filter((i) => i !== index) });
    }
    case "addFk": {
      const name = freeName(FK_NAMES, entity.fks.map((f) => f.name));
      const target = at(spec.entities, change.pickTarget);
      if (!name || !target) return spec;
      return replaceEntity(spec, entity, { ...entity, fks: [...entity.fks, { name, target: target.name, onDelete: change.onDelete }] });
    }
    case "changeFkAction": {
      const picked = at(spec.entities.flatMap((e) => e.fks.map((f) => [e, f] as const)), change.pickFk);
      if (!picked) return spec;
      const [owner, fk] = picked;
      return replaceEntity(spec, owner, { ...owner, fks: owner.fks.map((f) => (f === fk ? { ...f, onDelete: change.onDelete } : f)) });
    }
    case "dropFk": {
      const picked = at(spec.entities.flatMap((e) => e.fks.map((f) => [e, f] as const)), change.pickFk);
      if (!picked) return spec;
      const [owner, fk] = picked;
      return replaceEntity(spec, owner, { ...owner, fks: owner.fks.filter((f) => f !== fk) });
    }
  }
}

function allColumns(spec: SchemaSpec): (readonly [EntitySpec, ColumnSpec])[] {
  return spec.entities.flatMap((e) => e.columns.map((c) => [e, c] as const));
}

function alterColumn(spec: SchemaSpec, pick: number, eligible: (c: ColumnSpec) => boolean, alter: (c: ColumnSpec) => ColumnSpec): SchemaSpec {
  const picked = at(allColumns(spec).filter(([, c]) => eligible(c)), pick);
  if (!picked) return spec;
  const [owner, column] = picked;
  return replaceEntity(spec, owner, replaceColumn(owner, column, alter(column)));
}

function nextIndexNumber(entity: EntitySpec): number {
  const used = new Set(entity.indexes.map((i) => Number(i.name.split("_").pop())));
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

/** Index names are global on PostgreSQL: they carry their entity's name. */
export function renameEntity(entity: EntitySpec, name: string): EntitySpec {
  return {
    ...entity,
    name,
    indexes: entity.indexes.map((i) => ({ ...i, name: i.name.replace(/^ix_[^_]+_[^_]+_/, `ix_${name}_`) })),
    fks: entity.fks.map((f) => (f.target === entity.name ? { ...f, target: name } : f)),
  };
}
