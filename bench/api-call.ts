// A JSON call to the bench's server for preparing data through the public API (not measured).

const REQUEST_TIMEOUT_MS = 30_000; // preparation requests; the server is idle while they run

export async function apiCall<T>(
  baseUrl: string,
  path: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method: init.method,
    headers: { "content-type": "application/json", ...(init.token && { authorization: `Bearer ${init.token}` }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as T;
  if (!response.ok) throw new Error(`${init.method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
