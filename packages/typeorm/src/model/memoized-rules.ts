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
  const parsed = new WeakSet<ColumnType>();
  // By type object for parseType's own answers (no key is built for them); other types
  // (an enum column's, made per column) by their JSON, so equal types share answers.
  const defaults = new WeakMap<ColumnType, Map<string, string | null>>();
  const defaultsBySpelling = new Map<string, Map<string, string | null>>();
  const answersFor = (type: ColumnType): Map<string, string | null> => {
    const key = parsed.has(type) ? undefined : JSON.stringify(type);
    let answers = key === undefined ? defaults.get(type) : defaultsBySpelling.get(key);
    if (!answers) {
      answers = new Map();
      if (key === undefined) defaults.set(type, answers);
      else defaultsBySpelling.set(key, answers);
    }
    return answers;
  };
  const expressions = new Map<string, string>();
  return {
    family: rules.family,
    parseType(sqlType: string, dialect?: DialectName): ColumnType {
      const key = `${dialect}\u0000${sqlType}`;
      let type = types.get(key);
      if (type === undefined) {
        types.set(key, (type = rules.parseType(sqlType, dialect)));
        parsed.add(type);
      }
      return type;
    },
    normalizeDefault(expression: string, type: ColumnType, dialect?: DialectName): string | null {
      const byExpression = answersFor(type);
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
