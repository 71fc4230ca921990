// autocannon ships no types and @types/autocannon is not installed: this declares the part bench/ uses.
declare module "autocannon" {
  export interface Options {
    url: string;
    title?: string;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number; // seconds
    timeout?: number; // seconds
    /** Per-request customisation; setupRequest may change the body of each request. */
    requests?: { method?: "GET" | "POST"; setupRequest?: (request: { body?: string }) => { body?: string } }[];
  }

  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }

  export interface Result {
    title?: string;
    duration: number; // seconds
    errors: number; // socket errors and timeouts
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram; // milliseconds, 2xx responses only
    requests: Histogram & { sent: number }; // average is per second; total is completed requests
  }

  /** The running benchmark: a promise of its result that can also be stopped before its duration is over. */
  export type Instance = Promise<Result> & { stop(): void };

  export default function autocannon(options: Options): Instance;
}
