// What a bench server runs on, from the environment it was started with (/health answers status words only).

export const databaseKind = (env: NodeJS.ProcessEnv): string => (env.DATABASE_URL ? "postgres" : "pglite");
export const cacheKind = (env: NodeJS.ProcessEnv): string => (env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory");
