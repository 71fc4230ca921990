import type { PGlite } from "@electric-sql/pglite";

// pg-boss talks to its database through `executeSql(text, values)`. On the embedded database it shares the app's one
// PGlite instance, whose queries (and drizzle's transactions) already take turns under PGlite's own lock.
//
// pg-boss sends two kinds of text: single statements with $n parameters (PGlite `query`), and parameterless scripts
// (its schema and its maintenance commands) of the form `BEGIN; ...; COMMIT;` (PGlite `exec`). On one connection a
// script that fails half-way would leave that connection inside an aborted transaction, and with it every later app
// query; such scripts therefore run inside PGlite's `transaction()`, which rolls back on failure.

const SCRIPT_IN_TRANSACTION = /^\s*BEGIN;([\s\S]*?)COMMIT;\s*$/;

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      const script = SCRIPT_IN_TRANSACTION.exec(text);
      const results = script ? await client.transaction((tx) => tx.exec(script[1]!)) : await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}
