import { removeRedundantBrackets } from "./expression-brackets";
import { canonicalCasts, liftTextCastChains, stripArrayElementCasts, stripRestatingCasts } from "./expression-casts";
import { render } from "./expression-render";
import {
  canonicalTimestamps,
  canonicalWord,
  castCallsAsOperators,
  mergeNegativeNumbers,
  patternOperators,
  positionAsStrpos,
  rewriteBetween,
  rewriteSimilarTo,
  rewriteInLists,
} from "./expression-rewrites";
import { isGroup, tokenize, toTree, type Node } from "./sql-tokens";

export { render } from "./expression-render";
export { naturalNumberType } from "./expression-casts";

/**
 * Canonical spelling of a CHECK expression, index predicate, index expression or
 * generated-column expression, so that the text a user or TypeORM wrote in DDL and the
 * text `pg_get_expr()` prints after the server stored it come out the same:
 * - keywords upper-case, unquoted names lower-case, needless identifier quotes dropped;
 * - casts that only restate a literal's type dropped (`'a'::text`, `'-1'::integer`,
 *   `(name)::text`, `ARRAY[...]::text[]`), other casts spelled with canonical type names;
 * - brackets that precedence makes redundant dropped, including the outer ones;
 * - `x IN (a, b)` spelled `x = ANY(ARRAY[a, b])` and `BETWEEN` expanded, as the server stores them;
 * - `now()` and `transaction_timestamp()` spelled `CURRENT_TIMESTAMP`;
 * - a literal cast to text and then to another type (`('now'::text)::date`) kept whole:
 *   that is an expression evaluated at each use, where `'now'::date` is a constant.
 */
export function normalizePostgresExpression(sql: string): string {
  return render(normalizeNodes(toTree(tokenize(sql))));
}

export function normalizeNodes(list: readonly Node[]): Node[] {
  let nodes = positionAsStrpos(liftTextCastChains(list).map((n) => (isGroup(n) ? n : canonicalWord(n))));
  nodes = nodes.map((n) => (isGroup(n) ? { ...n, children: normalizeNodes(n.children) } : n));
  nodes = patternOperators(nodes);
  nodes = mergeNegativeNumbers(nodes);
  nodes = castCallsAsOperators(nodes);
  nodes = canonicalCasts(nodes);
  nodes = canonicalTimestamps(nodes);
  nodes = rewriteInLists(nodes);
  nodes = stripArrayElementCasts(nodes);
  nodes = rewriteBetween(nodes);
  nodes = rewriteSimilarTo(nodes);
  nodes = stripRestatingCasts(nodes);
  return removeRedundantBrackets(nodes);
}
