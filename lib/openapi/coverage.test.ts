import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REASON_CODES } from "@/lib/errors/reasons";
import { openApiDocument } from "./document";

// The document must describe every route the app serves, and nothing it does not.

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/x/[id]/(group)/[...rest]/route.ts` → `/api/x/{id}/{rest}`. */
function openApiPath(file: string): string {
  const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return `/${segments
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"))
    .join("/")}`;
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(","))
      found.add(
        name
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return [...found].filter((name) => METHODS.includes(name));
}

const routes = routeFiles(path.join(ROOT, "app")).flatMap((file) =>
  exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${openApiPath(file)}`),
);
const doc = openApiDocument();
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  responses?: Record<string, unknown>;
};
const operations = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
  Object.entries(item as Record<string, Operation>)
    .filter(([method]) => METHODS.includes(method.toUpperCase()))
    .map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
);

describe("the OpenAPI document", () => {
  it("describes every method of every route, and no route that does not exist", () => {
    expect(routes.length).toBeGreaterThan(40);
    const documented = new Set(operations.map((o) => o.key));
    expect(
      routes.filter((r) => !documented.has(r)),
      "routes missing from lib/openapi",
    ).toEqual([]);
    expect(
      [...documented].filter((d) => !routes.includes(d)),
      "documented operations with no route",
    ).toEqual([]);
  });

  it("is OpenAPI 3.1 with an operationId and responses on each operation, and unique ids", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    for (const { key, op } of operations) {
      expect(op.operationId, key).toBeTruthy();
      expect(Object.keys(op.responses ?? {}).length, key).toBeGreaterThan(0);
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every $ref and names only declared security schemes", () => {
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    const schemes = Object.keys(doc.components?.securitySchemes ?? {});
    for (const { key, op } of operations) {
      for (const requirement of (op as { security?: Record<string, unknown>[] }).security ?? []) {
        for (const name of Object.keys(requirement)) expect(schemes, key).toContain(name);
      }
    }
  });

  it("gives each operation a summary and a description, under a described tag", () => {
    const described = new Set((doc.tags ?? []).filter((t) => t.description).map((t) => t.name));
    for (const { key, op } of operations) {
      expect(op.summary, key).toBeTruthy();
      expect(op.description, key).toBeTruthy();
      for (const tag of op.tags ?? []) expect(described, `${key}: tag ${tag}`).toContain(tag);
    }
  });

  it("lists every reason of the catalog", () => {
    const text = JSON.stringify(doc);
    expect(REASON_CODES.filter((reason) => !text.includes(`"${reason}"`))).toEqual([]);
  });
});
