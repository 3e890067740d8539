/**
 * A faster view of TypeORM's decorator registry for one metadata build.
 *
 * TypeORM's MetadataArgsStorage answers every `filterColumns(target)`,
 * `findGenerated(target, property)`… by scanning the whole registry, so building the
 * metadata of n entities costs O(n²): seconds at 1000 entities. The view keeps
 * TypeORM's own methods and semantics (duplicate and override rules included) but runs
 * each of them over only the registry entries of the targets asked about, found
 * through an index built once per array.
 */

type Args = { readonly target?: unknown };
type Storage = Record<string, unknown>;
type Method = (this: Storage, target: unknown, ...rest: unknown[]) => unknown;

/** Each lookup method of MetadataArgsStorage (0.3 and 1.x) and the one array it reads. */
const ARRAY_OF_METHOD: Readonly<Record<string, string>> = {
  filterTables: "tables",
  filterColumns: "columns",
  findGenerated: "generations",
  findTree: "trees",
  filterRelations: "relations",
  filterRelationIds: "relationIds",
  filterRelationCounts: "relationCounts",
  filterIndices: "indices",
  filterForeignKeys: "foreignKeys",
  filterUniques: "uniques",
  filterChecks: "checks",
  filterExclusions: "exclusions",
  filterListeners: "entityListeners",
  filterEmbeddeds: "embeddeds",
  findJoinTable: "joinTables",
  filterJoinColumns: "joinColumns",
  findInheritanceType: "inheritances",
  findDiscriminatorValue: "discriminatorValues",
};

export function indexedMetadataArgs<S extends object>(storage: S): S {
  const view = Object.create(storage) as Storage;
  const indexes = new WeakMap<readonly Args[], { length: number; byTarget: Map<unknown, number[]> }>();
  const narrow = (array: readonly Args[], target: unknown): Args[] => {
    let index = indexes.get(array);
    if (!index || index.length !== array.length) {
      const byTarget = new Map<unknown, number[]>();
      array.forEach((item, i) => {
        const list = byTarget.get(item.target);
        if (list) list.push(i);
        else byTarget.set(item.target, [i]);
      });
      index = { length: array.length, byTarget };
      indexes.set(array, index);
    }
    const targets = Array.isArray(target) ? target : [target];
    const positions = targets.flatMap((t) => index.byTarget.get(t) ?? []);
    if (targets.length > 1) positions.sort((a, b) => a - b);
    return positions.map((i) => array[i]);
  };
  for (const [method, arrayName] of Object.entries(ARRAY_OF_METHOD)) {
    const original = (storage as Storage)[method] as Method | undefined;
    const array = (storage as Storage)[arrayName] as readonly Args[] | undefined;
    if (typeof original !== "function" || !Array.isArray(array)) continue;
    // TypeORM asks about the same target (a class, or a metadata's inheritance tree array) several times.
    const narrowedFor = new Map<unknown, { readonly length: number; readonly storage: Storage }>();
    view[method] = function (target: unknown, ...rest: unknown[]) {
      let narrowed = narrowedFor.get(target);
      if (!narrowed || narrowed.length !== array.length) {
        const storageView = Object.create(storage) as Storage;
        storageView[arrayName] = narrow(array, target);
        narrowedFor.set(target, (narrowed = { length: array.length, storage: storageView }));
      }
      return original.call(narrowed.storage, target, ...rest);
    };
  }
  return view as S;
}
