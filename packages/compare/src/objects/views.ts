import { qualifiedName, type Operation, type ViewModel } from "@retort/core";
import type { ResolvedOptions } from "../options";
import { pairObjects } from "../pairing";

export interface ViewChanges {
  /** Run before any table change: views dropped, and views that must step aside (see below). */
  readonly drop: Operation[];
  /** Run after every table change: views created, changed, or put back. */
  readonly create: Operation[];
}

/** Which tables the table phase changes, so views reading them can step aside. */
export interface ChangedTables {
  /** Tables whose columns change (or, on SQLite, that a batch rebuilds): the views reading them are recreated. */
  readonly names: ReadonlySet<string>;
}

const comparable = (definition: string): string => definition.trim().replace(/;\s*$/, "").trim();

/** The entity's definition as the engine stores it, when the caller asked the engine; else its text. */
function storedForm(view: ViewModel, options: ResolvedOptions): string {
  return comparable(options.storedViewDefinitions?.get(qualifiedName(view)) ?? view.definition);
}

function sameView(target: ViewModel, actual: ViewModel, options: ResolvedOptions): boolean {
  return (
    target.materialized === actual.materialized &&
    storedForm(target, options) === comparable(actual.definition) &&
    JSON.stringify(target.indexes) === JSON.stringify(actual.indexes)
  );
}

/** Whether a definition may read `name`: a word match, quoted or not (over-matching only recreates a view). */
function mentions(definition: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_$])${escaped}($|[^A-Za-z0-9_$])`, "i").test(definition);
}

/** Views in creation order: one that reads another comes after it (by name, as `mentions` sees it). */
export function orderViews(views: readonly ViewModel[]): ViewModel[] {
  const ordered: ViewModel[] = [];
  const pending = [...views];
  while (pending.length > 0) {
    const ready = pending.findIndex((v) => !pending.some((other) => other !== v && mentions(v.definition, other.name)));
    // A cycle (or a false match both ways) cannot be ordered: keep the given order.
    const next = pending.splice(ready === -1 ? 0 : ready, 1)[0]!;
    ordered.push(next);
  }
  return ordered;
}

/**
 * Views, matched by schema and name. The entity side's definition is compared in the
 * engine's own spelling (`storedViewDefinitions`); a changed definition, materialized
 * flag or index list is one `replaceView`. A view that only the database has is dropped
 * when it is the project's (`managedViews`); another is left alone unless
 * `includeObject` says `true` for it (hand-made views are not the entities'; README "Views"). A kept view that reads a table whose columns change is
 * dropped before the change and created again after it: PostgreSQL refuses to retype
 * a column a view uses, and SQLite's rebuild would break it.
 */
export function compareViews(
  target: readonly ViewModel[],
  actual: readonly ViewModel[],
  changed: ChangedTables,
  options: ResolvedOptions,
): ViewChanges {
  const { both, onlyTarget, onlyActual } = pairObjects(target, actual, [{ key: qualifiedName }]);
  const filter = options.includeObject;
  const keep = (v: ViewModel, reflected: boolean, compareTo: ViewModel | null) => filter === null || filter(v, v.name, "view", reflected, compareTo);

  const dropped: ViewModel[] = [];
  const created: ViewModel[] = [];
  const recreated: ViewModel[] = [];
  const putBack = new Set<ViewModel>();
  const replaced: [ViewModel, ViewModel][] = [];
  const undeclaredGoes = (v: ViewModel) => (filter === null ? options.managedViews.has(v.name) : filter(v, v.name, "view", true, null));
  for (const v of onlyTarget) if (keep(v, false, null)) created.push(v);
  for (const v of onlyActual) if (undeclaredGoes(v)) dropped.push(v);
  const kept = both.filter(([t, a]) => keep(t, false, a)).map(([t, a]) => ({ t, a, same: sameView(t, a, options) }));
  // What views must not be on while it changes: tables changed, views dropped or replaced,
  // and (to a fixed point) the views that step aside for those.
  const moving = new Set([...changed.names, ...dropped.map((v) => v.name), ...kept.filter((k) => !k.same).map((k) => k.a.name)]);
  const stepsAside = new Set<ViewModel>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of kept) {
      if (stepsAside.has(k.a) || ![...moving].some((n) => n !== k.a.name && (mentions(k.a.definition, n) || mentions(k.t.definition, n)))) continue;
      stepsAside.add(k.a);
      moving.add(k.a.name);
      grew = true;
    }
  }
  for (const { t, a, same } of kept) {
    if (stepsAside.has(a)) {
      dropped.push(a);
      if (same) putBack.add(a);
      (same ? recreated : created).push(t);
    } else if (!same) replaced.push([t, a]);
  }
  const drop: Operation[] = [...orderViews(dropped)]
    .reverse()
    .map((view): Operation => (putBack.has(view) ? { kind: "dropView", view, recreated: true } : { kind: "dropView", view }));
  const createOrder = orderViews([...created, ...recreated, ...replaced.map(([t]) => t)]);
  const create: Operation[] = createOrder.map((view): Operation => {
    const pair = replaced.find(([t]) => t === view);
    if (pair) return { kind: "replaceView", view: { from: pair[1], to: view } };
    return recreated.includes(view) ? { kind: "createView", view, recreated: true } : { kind: "createView", view };
  });
  return { drop, create };
}
