/**
 * The op API calls of a migration's upgrade(), each whole however many lines prettier
 * spread it over (README.md, "Commands": show), with its line breaks folded into spaces.
 */
export function operationCalls(source: string): string[] {
  const start = source.search(/function\s+upgrade\s*\(/);
  if (start < 0) return [];
  const end = source.search(/function\s+downgrade\s*\(/);
  const open = source.indexOf("{", source.indexOf(")", start));
  const body = source.slice(open + 1, end > start ? end : undefined);
  return topLevelStatements(body)
    .map((statement) => statement.replace(/([([])\s*\n\s*/g, "$1").replace(/,?\s*\n\s*([)\]])/g, "$1").replace(/,\s*\n\s*}/g, " }").replace(/\s*\n\s*/g, " ").trim())
    .filter((statement) => /^(await )?(op|batch)\./.test(statement));
}

/** Splits at `;` outside brackets, strings and comments. */
function topLevelStatements(code: string): string[] {
  const statements: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"' || ch === "'" || ch === "`") {
      const close = skipString(code, i);
      current += code.slice(i, close + 1);
      i = close;
      continue;
    }
    if (ch === "/" && code[i + 1] === "/") {
      const eol = code.indexOf("\n", i);
      i = eol < 0 ? code.length : eol - 1;
      continue;
    }
    if ("([{".includes(ch)) depth++;
    if (")]}".includes(ch)) depth--;
    if (depth < 0) break; // the end of upgrade()'s body
    if (ch === ";" && depth === 0) {
      statements.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) statements.push(current);
  return statements;
}

function skipString(code: string, start: number): number {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i++) {
    if (code[i] === "\\") i++;
    else if (code[i] === quote) return i;
  }
  return code.length - 1;
}
