import type {
  CheckConstraintModel,
  ExclusionConstraintModel,
  ColumnModel,
  ColumnType,
  DialectName,
  EnumTypeModel,
  ExtensionModel,
  ForeignKeyModel,
  IncludeName,
  IndexModel,
  ObjectType,
  TableModel,
  TableRef,
  UniqueConstraintModel,
  ViewModel,
} from "@retort/core";

/** What `compareType` and `compareServerDefault` callbacks learn about the column pair. */
export interface ColumnCompareContext {
  readonly dialect: DialectName;
  readonly schema: string | null;
  readonly table: string;
  /** The column as the entities want it. */
  readonly target: ColumnModel;
  /** The column as the database has it. */
  readonly actual: ColumnModel;
  /** What retort's own rule decided: `true` when it sees a difference. */
  readonly defaultRule: boolean;
}

export interface TypeCompareContext extends ColumnCompareContext {
  readonly targetType: ColumnType;
  readonly actualType: ColumnType;
}

export interface DefaultCompareContext extends ColumnCompareContext {
  readonly targetDefault: string | null;
  readonly actualDefault: string | null;
}

/**
 * `true` compares with retort's rule, `false` never reports a difference, a callback
 * returns `true` (different), `false` (same) or `undefined` (use retort's rule), as in
 * Alembic's `compare_type` / `compare_server_default`.
 */
export type CompareSetting<C> = boolean | ((ctx: C) => boolean | undefined);

/** A table-level object handed to `includeObject`, with the table it belongs to. */
export type Located<T> = T & TableRef;

/** The object `includeObject` receives for each `type` (docs/reference.md §3a: "the schema is on `object`"). */
export type FilterObject =
  | TableModel
  | Located<ColumnModel>
  | Located<IndexModel>
  | Located<UniqueConstraintModel>
  | Located<ForeignKeyModel>
  | Located<CheckConstraintModel>
  | Located<ExclusionConstraintModel>
  | EnumTypeModel
  | ViewModel
  | ExtensionModel;

/**
 * Called once per compared object: with the entity side (`reflected: false`) and its
 * database twin as `compareTo` when both exist, else with the one side that exists
 * (`reflected` tells which) and `compareTo: null`. Returning `false` leaves the object
 * out of the comparison entirely.
 */
export type IncludeObject = (
  object: FilterObject,
  name: string | null,
  type: Exclude<ObjectType, "schema">,
  reflected: boolean,
  compareTo: FilterObject | null,
) => boolean;

export interface CompareOptions {
  readonly compareType?: CompareSetting<TypeCompareContext>;
  readonly compareServerDefault?: CompareSetting<DefaultCompareContext>;
  readonly includeObject?: IncludeObject;
  /**
   * Applied to the reflected side only, as in Alembic: introspection already calls it
   * before reading the catalog; applying it again here keeps a model reflected without
   * it consistent. Entity-side objects are filtered with `includeObject`.
   */
  readonly includeName?: IncludeName;
  /**
   * Compare objects in every schema. When `false`, objects outside the default schema
   * are compared only in schemas the database side reflected (`actual.schemas`): a
   * schema that was not read cannot be compared without reporting all of it as new.
   */
  readonly includeSchemas?: boolean;
  /**
   * The entity views' definitions as the engine would store them, by `qualifiedName`
   * (`storedViewDefinitions` in @retort/dialects asks the server). Without an entry a
   * view's own text is compared.
   */
  readonly storedViewDefinitions?: ReadonlyMap<string, string>;
  /**
   * Names of views that are the project's own (its migrations created them): dropped
   * when no entity declares them. Other views only the database has are dropped only
   * when `includeObject` returns `true` for them.
   */
  readonly managedViews?: ReadonlySet<string>;
  /** Never reported on either side. Default `retort_version`. */
  readonly versionTable?: string;
  /** Schema of the version table; `null` (default) is the default schema. */
  readonly versionTableSchema?: string | null;
}

export interface ResolvedOptions {
  readonly compareType: CompareSetting<TypeCompareContext>;
  readonly compareServerDefault: CompareSetting<DefaultCompareContext>;
  /** `null` when not given: nothing to call, and no object to wrap for it. */
  readonly includeObject: IncludeObject | null;
  readonly includeName: IncludeName;
  readonly includeSchemas: boolean;
  readonly storedViewDefinitions: ReadonlyMap<string, string> | null;
  readonly managedViews: ReadonlySet<string>;
  readonly versionTable: string;
  readonly versionTableSchema: string | null;
}

export const DEFAULT_VERSION_TABLE = "retort_version";

export function resolveOptions(options: CompareOptions): ResolvedOptions {
  return {
    compareType: options.compareType ?? true,
    compareServerDefault: options.compareServerDefault ?? true,
    includeObject: options.includeObject ?? null,
    includeName: options.includeName ?? (() => true),
    includeSchemas: options.includeSchemas ?? false,
    storedViewDefinitions: options.storedViewDefinitions ?? null,
    managedViews: options.managedViews ?? new Set(),
    versionTable: options.versionTable ?? DEFAULT_VERSION_TABLE,
    versionTableSchema: options.versionTableSchema ?? null,
  };
}

/** Applies a CompareSetting: the user's answer when given, else the default rule. */
export function decide<C extends ColumnCompareContext>(
  setting: CompareSetting<C>,
  build: (defaultRule: boolean) => C,
  defaultRule: boolean,
): boolean {
  if (setting === false) return false;
  if (setting === true) return defaultRule;
  return setting(build(defaultRule)) ?? defaultRule;
}
