/**
 * User modules (config, DataSource, entities, migration files) may leave a rejected
 * promise behind when they load. Node reports it only once the current macrotask ends,
 * and with synchronous drivers (better-sqlite3) a whole `check` can finish inside one
 * macrotask, printing "no differences" before the crash handler gets its say. Awaiting one
 * turn of the event loop after loading lets the handler exit 2 first (README.md, "Exit codes").
 */
export function letStrayRejectionsSurface(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
