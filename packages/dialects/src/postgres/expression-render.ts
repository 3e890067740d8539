import { scanRoles, type Role } from "./expression-roles";
import { UPPER_KEYWORDS } from "./sql-keywords";
import { isGroup, isWord, type Node } from "./sql-tokens";

/** Prints nodes with one canonical spacing: `lower(x)`, `a > -1`, `ARRAY['a', 'b']`, `x::text`. */
export function renderNode(n: Node): string {
  return isGroup(n) ? `${n.open}${render(n.children)}${n.open === "(" ? ")" : "]"}` : n.text;
}

export function render(list: readonly Node[]): string {
  const roles = scanRoles(list);
  let out = "";
  list.forEach((n, i) => {
    const prev = list[i - 1];
    if (prev && needsSpace(prev, n, roles?.[i - 1])) out += " ";
    out += renderNode(n);
  });
  return out;
}

function needsSpace(prev: Node, n: Node, prevRole: Role | undefined): boolean {
  if (n.kind === "comma" || n.kind === "cast" || prev.kind === "cast") return false;
  if (isGroup(n) && n.open === "[") return false; // `ARRAY[...]` and subscripts
  if (isGroup(n) && n.open === "(" && (prev.kind === "word" || prev.kind === "name") && !UPPER_KEYWORDS.has(prev.text))
    return false;
  if (
    isGroup(n) &&
    n.open === "(" &&
    isWord(
      prev,
      "ANY",
      "ALL",
      "SOME",
      "ARRAY",
      "EXISTS",
      "CAST",
      "CURRENT_TIMESTAMP",
      "CURRENT_TIME",
      "LOCALTIME",
      "LOCALTIMESTAMP",
    )
  )
    return false;
  if (prevRole?.kind === "op" && prevRole.position === "prefix" && prev.kind === "op") return false;
  return true;
}
