/**
 * One result per distinct input string. Catalogs repeat themselves (thousands of
 * `varchar(255)` columns, the same defaults and clauses), so parsing each spelling once
 * keeps introspection linear in distinct spellings rather than in columns, and spares
 * the garbage collector. Results are readonly model values, safe to share.
 */
export function memoize<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = fn(key);
      cache.set(key, value);
    }
    return value as T;
  };
}
