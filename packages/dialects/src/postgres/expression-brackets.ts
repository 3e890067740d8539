import { scanRoles, type Role } from "./expression-roles";
import { isGroup, isWord, type Group, type Node, type Token } from "./sql-tokens";

/**
 * Drops brackets that operator precedence makes redundant, one at a time, so that
 * `((a > 0) AND (b > 0))` (how pg_get_expr prints) and `a > 0 AND b > 0` (how DDL says
 * it) read alike. A level the role scanner does not understand is left as written.
 */
export function removeRedundantBrackets(list: Node[]): Node[] {
  for (let changed = true; changed;) {
    changed = false;
    const roles = scanRoles(list);
    if (!roles) return list;
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (isGroup(n) && n.open === "(" && roles[i]!.kind === "operand" && canUnwrap(n, roles[i - 1], roles[i + 1])) {
        list = [...list.slice(0, i), ...n.children, ...list.slice(i + 1)];
        changed = true;
        break;
      }
    }
  }
  return list;
}

function canUnwrap(group: Group, left: Role | undefined, right: Role | undefined): boolean {
  const inner = group.children;
  if (inner.length === 0 || isWord(inner[0], "SELECT", "VALUES", "WITH")) return false;
  const roles = scanRoles(inner);
  if (!roles || roles.some((r, k) => r.kind === "syntax" && inner[k]!.kind === "comma")) return false;
  const ops = roles.filter((r): r is Extract<Role, { kind: "op" }> => r.kind === "op");
  const loosest = Math.min(...ops.map((o) => o.precedence));
  const loosestOps = new Set(ops.filter((o) => o.precedence === loosest).map((o) => o.text));
  const single = inner.length === 1 ? inner[0]! : undefined;
  if (single?.kind === "number" && (single as Token).text.startsWith("-") && right?.kind === "op") return false;
  const fits = (n: Role | undefined, side: "left" | "right") => {
    if (n?.kind !== "op") return true;
    if ((side === "left" && n.position === "postfix") || (side === "right" && n.position === "prefix")) return true;
    if (loosest > n.precedence) return true;
    if (loosest < n.precedence) return false;
    if ((n.text === "AND" || n.text === "OR") && loosestOps.size === 1 && loosestOps.has(n.text)) return true;
    return (
      side === "right" &&
      n.leftAssociative &&
      n.position === "infix" &&
      [...loosestOps].every((o) => o !== "AND" && o !== "OR")
    );
  };
  return fits(left, "left") && fits(right, "right");
}
