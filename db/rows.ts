// postgres.js returns raw-SQL results as an array, PGlite as `{ rows }`. Raw statements read rows through this.
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
