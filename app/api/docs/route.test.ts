import { describe, expect, it } from "vitest";
import { GET as openapi } from "../openapi.json/route";
import { GET as asset } from "./[asset]/route";
import { GET as docs } from "./route";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

describe("the API reference", () => {
  it("serves the OpenAPI document as JSON", async () => {
    const res = await openapi(new Request("http://localhost/api/openapi.json"), ctx());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await res.json()).openapi).toMatch(/^3\.1/);
  });

  it("serves the docs page, whose scripts and styles answer with their types, under a CSP without inline scripts", async () => {
    const res = await docs(new Request("http://localhost/api/docs"), ctx());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const urls = [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.sort()).toEqual(["/api/docs/init.js", "/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css"]);
    for (const url of urls) {
      const file = await asset(new Request(`http://localhost${url}`), ctx({ asset: url.split("/").pop()! }));
      expect(file.status, url).toBe(200);
      expect(file.headers.get("content-type"), url).toContain(url.endsWith(".css") ? "text/css" : "text/javascript");
      expect((await file.text()).length, url).toBeGreaterThan(50);
    }
  });

  it("answers 404 for any other asset name", async () => {
    const res = await asset(new Request("http://localhost/api/docs/package.json"), ctx({ asset: "package.json" }));
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
    // The refusal keeps the page's headers (next.config.ts leaves /api/docs/* to these routes).
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
