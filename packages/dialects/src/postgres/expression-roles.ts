import { PRECEDENCE, symbolicPrecedence } from "./sql-keywords";
import { isGroup, isWord, type Node, type Token } from "./sql-tokens";

/** What one node of a bracket level does there. */
export type Role =
  | { readonly kind: "operand" }
  /** A bracket that belongs to syntax (call arguments, `ARRAY[...]`, `IN (...)`, subscripts). */
  | { readonly kind: "syntax" }
  | {
      readonly kind: "op";
      readonly text: string;
      readonly precedence: number;
      readonly position: "prefix" | "infix" | "postfix";
      /** Whether `(a op b) op c` may drop its brackets. */
      readonly leftAssociative: boolean;
    };

const SYNTAX: Role = { kind: "syntax" };
const OPERAND: Role = { kind: "operand" };

const op = (
  text: string,
  precedence: number,
  position: "prefix" | "infix" | "postfix",
  leftAssociative = false,
): Role => ({
  kind: "op",
  text,
  precedence,
  position,
  leftAssociative,
});

const IS_TAILS = new Set(["NULL", "TRUE", "FALSE", "UNKNOWN"]);
const LIKE_IN = new Set(["LIKE", "ILIKE", "IN", "BETWEEN", "SIMILAR"]);

/**
 * Classifies each node of one bracket level as operand, operator or syntax, tracking
 * whether an operand or an operator is expected (so `-` and `NOT` are told apart as
 * prefix or infix). Returns `null` for anything it does not understand: callers then
 * leave that level exactly as written.
 */
export function scanRoles(list: readonly Node[]): Role[] | null {
  const roles: Role[] = [];
  let expectOperand = true;
  let betweenPending = false;
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    const next = list[i + 1];
    const set = (role: Role) => roles.push(role);
    if (expectOperand) {
      if (node.kind === "op" && (node.text === "-" || node.text === "+"))
        set(op(node.text, PRECEDENCE.unary, "prefix"));
      else if (isWord(node, "NOT")) set(op("NOT", PRECEDENCE.not, "prefix"));
      else if (isWord(node, "CASE", "WHEN", "THEN", "ELSE"))
        set(SYNTAX); // CASE branches read like a list of operands
      else if ((node.kind === "word" || node.kind === "name") && isGroup(next)) {
        set(OPERAND);
        set(SYNTAX);
        i++;
        expectOperand = false;
      } else if (node.kind === "word" && next?.kind === "string") {
        set(OPERAND); // a typed literal: `interval '1 day'`
        set(SYNTAX);
        i++;
        expectOperand = false;
      } else if (node.kind === "comma" || node.kind === "cast" || node.kind === "op" || node.kind === "type")
        return null;
      else {
        if (isGroup(node) && node.open === "[") return null;
        set(OPERAND);
        expectOperand = false;
      }
      continue;
    }
    if (isWord(node, "WHEN", "THEN", "ELSE")) {
      set(SYNTAX);
      expectOperand = true;
    } else if (isWord(node, "END")) set(SYNTAX);
    else if (node.kind === "cast") {
      set(op("::", PRECEDENCE.cast, "postfix"));
      if (list[i + 1]?.kind !== "type") return null;
      set(SYNTAX);
      i++;
    } else if (isGroup(node) && node.open === "[") set(op("[]", PRECEDENCE.subscript, "postfix"));
    else if (node.kind === "comma") {
      set(SYNTAX);
      expectOperand = true;
    } else if (node.kind === "op") {
      set(op(node.text, symbolicPrecedence(node.text), "infix", symbolicPrecedence(node.text) > PRECEDENCE.comparison));
      expectOperand = true;
    } else if (isWord(node, "IS")) {
      set(op("IS", PRECEDENCE.is, "postfix"));
      let j = i + 1;
      if (isWord(list[j], "NOT")) j++;
      if (isWord(list[j], "DISTINCT") && isWord(list[j + 1], "FROM")) {
        expectOperand = true;
        j += 2;
      } else if (list[j]?.kind === "word" && IS_TAILS.has((list[j] as Token).text.toUpperCase())) j++;
      else return null;
      for (i++; i < j; i++) set(SYNTAX);
      i--;
    } else if (isWord(node, "ISNULL", "NOTNULL")) set(op((node as Token).text, PRECEDENCE.is, "postfix"));
    else if (isWord(node, "AND")) {
      set(op("AND", betweenPending ? PRECEDENCE.likeInBetween : PRECEDENCE.and, "infix", !betweenPending));
      betweenPending = false;
      expectOperand = true;
    } else if (isWord(node, "OR")) {
      set(op("OR", PRECEDENCE.or, "infix", true));
      expectOperand = true;
    } else if (isWord(node, "NOT") && next?.kind === "word" && LIKE_IN.has((next as Token).text.toUpperCase())) {
      set(SYNTAX);
    } else if (isWord(node, ...LIKE_IN, "ESCAPE", "TO")) {
      const word = (node as Token).text.toUpperCase();
      set(op(word, PRECEDENCE.likeInBetween, "infix"));
      if (word === "BETWEEN") betweenPending = true;
      if (word === "BETWEEN" && isWord(next, "SYMMETRIC")) {
        set(SYNTAX);
        i++;
      }
      if (word === "SIMILAR") continue;
      if (word === "IN") {
        if (!isGroup(next)) return null;
        set(SYNTAX);
        i++;
        continue;
      }
      expectOperand = true;
    } else if (isWord(node, "COLLATE")) {
      set(op("COLLATE", PRECEDENCE.collate, "postfix"));
      if (!next || (next.kind !== "word" && next.kind !== "name")) return null;
      set(SYNTAX);
      i++;
    } else return null;
  }
  return expectOperand && list.length > 0 ? null : roles;
}
