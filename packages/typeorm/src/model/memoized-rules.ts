import type { ColumnType, DialectName, DialectRules } from "@retort/core";

/** One memo per rules object, kept for the process: `check --watch` converts the whole model again at each save. */
const memos = new WeakMap<DialectRules, DialectRules>();

/**
 * The rules with each answer remembered: entities repeat a few type spellings and defaults
 * thousands of times, and the rules are pure. The memo grows only with the distinct
 * spellings a project has.
 */
export function memoizedRules(rules: DialectRules): DialectRules {
  let memo = memos.get(rules);
  if (!memo) memos.set(rules, (memo = newMemo(rules)));
  return memo;
}

function newMemo(rules: DialectRules): DialectRules {
  const types = new Map<string, ColumnType>();
  // By type object first: parseType answers repeat the same object, so no key is built for it.
  const defaults = new WeakMap<ColumnType, Map<string, string | null>>();
  const expressions = new Map<string, string>();
  return {
    family: rules.family,
    parseType(sqlType: string, dialect?: DialectName): ColumnType {
      const key = `${dialect}\u0000${sqlType}`;
      let type = types.get(key);
      if (type === undefined) types.set(key, (type = rules.parseType(sqlType, dialect)));
      return type;
    },
    normalizeDefault(expression: string, type: ColumnType, dialect?: DialectName): string | null {
      let byExpression = defaults.get(type);
      if (!byExpression) defaults.set(type, (byExpression = new Map()));
      const key = `${dialect}\u0000${expression}`;
      let normalized = byExpression.get(key);
      if (normalized === undefined) byExpression.set(key, (normalized = rules.normalizeDefault(expression, type, dialect)));
      return normalized;
    },
    normalizeExpression(expression: string, dialect?: DialectName): string {
      const key = `${dialect}\u0000${expression}`;
      let normalized = expressions.get(key);
      if (normalized === undefined) expressions.set(key, (normalized = rules.normalizeExpression(expression, dialect)));
      return normalized;
    },
  };
}
