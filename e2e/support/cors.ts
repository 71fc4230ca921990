/** The second origin the e2e server allows in CORS_ORIGINS (playwright.config.ts); e2e/cors.spec.ts serves a page there. */
export const E2E_CORS_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_CORS_PORT ?? 3297)}`;
