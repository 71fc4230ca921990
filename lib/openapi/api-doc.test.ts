import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { reasonTableMarkdown } from "@/lib/errors/reason-table";

it("docs/api.md's reason table is the catalog's (regenerate it with reasonTableMarkdown())", () => {
  const doc = readFileSync(path.resolve(__dirname, "../../docs/api.md"), "utf8");
  const table = /<!-- reason-table:start -->\n([\s\S]*?)\n<!-- reason-table:end -->/.exec(doc)?.[1];
  expect(table).toBe(reasonTableMarkdown());
});
