/**
 * Where a command should leave the database, as a set of applied revisions:
 * - `base`: nothing applied;
 * - `revisions`: these revisions (and everything they need) applied;
 * - `below`: the state just before `revision` (it and its descendants unapplied), the
 *   result of walking back past the first revision of a branch.
 */
export type Destination =
  | { readonly kind: "base" }
  | { readonly kind: "revisions"; readonly ids: readonly string[]; readonly branch?: string }
  | { readonly kind: "below"; readonly revision: string; readonly branch?: string };
