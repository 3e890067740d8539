/**
 * SQLite keeps a view's CREATE VIEW statement as it was written
 * (https://www.sqlite.org/schematab.html): its definition is the text after `AS`
 * (past an optional column list), trimmed.
 */
const CREATE_VIEW = /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s(]+)(?:\s*\.\s*(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s(]+))?\s*(?:\([^)]*\)\s*)?AS\b/i;

export function sqliteViewDefinition(createSql: string): string {
  const match = CREATE_VIEW.exec(createSql);
  return (match ? createSql.slice(match[0].length) : createSql).trim();
}
