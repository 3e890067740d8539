/** The outcome of matching two lists of objects. */
export interface Pairing<T> {
  readonly both: readonly (readonly [target: T, actual: T])[];
  readonly onlyTarget: readonly T[];
  readonly onlyActual: readonly T[];
}

/** One matching pass: objects with equal non-null keys pair up, if `accept` agrees. */
export interface PairingPass<T> {
  readonly key: (x: T) => string | null;
  readonly accept?: (target: T, actual: T) => boolean;
}

/**
 * Pairs objects pass by pass (by name first, then by signature, ...); each object pairs
 * at most once, in list order, so the result is deterministic. Lookups go through maps:
 * linear in the number of objects.
 */
export function pairObjects<T>(target: readonly T[], actual: readonly T[], passes: readonly PairingPass<T>[]): Pairing<T> {
  const aligned = alignedPairs(target, actual, passes[0]);
  if (aligned) return { both: aligned, onlyTarget: [], onlyActual: [] };
  const both: [T, T][] = [];
  let restTarget = [...target];
  let restActual = [...actual];
  for (const pass of passes) {
    const queues = new Map<string, T[]>();
    for (const a of restActual) {
      const k = pass.key(a);
      if (k === null) continue;
      const q = queues.get(k);
      if (q) q.push(a);
      else queues.set(k, [a]);
    }
    const paired = new Set<T>();
    const unpaired: T[] = [];
    for (const t of restTarget) {
      const k = pass.key(t);
      const q = k === null ? undefined : queues.get(k);
      const i = q ? q.findIndex((a) => !pass.accept || pass.accept(t, a)) : -1;
      if (q && i >= 0) {
        const [a] = q.splice(i, 1);
        both.push([t, a]);
        paired.add(a);
      } else unpaired.push(t);
    }
    restTarget = unpaired;
    restActual = restActual.filter((a) => !paired.has(a));
  }
  return { both, onlyTarget: restTarget, onlyActual: restActual };
}

/**
 * The common case, two sides in sync and in the same order, paired without building
 * maps: same length and the first pass's keys equal position by position.
 */
function alignedPairs<T>(target: readonly T[], actual: readonly T[], pass: PairingPass<T> | undefined): [T, T][] | null {
  if (!pass || target.length !== actual.length) return null;
  const pairs: [T, T][] = [];
  for (let i = 0; i < target.length; i++) {
    const k = pass.key(target[i]);
    if (k === null || k !== pass.key(actual[i]) || (pass.accept && !pass.accept(target[i], actual[i]))) return null;
    pairs.push([target[i], actual[i]]);
  }
  return pairs;
}

/** A stable key for a list of strings. */
export function listKey(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}
