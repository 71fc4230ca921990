import { REASONS, REASON_CODES } from "./reasons";

/** The reason-code table of docs/api.md (lib/openapi/api-doc.test.ts checks the file holds exactly this). */
export const reasonTableMarkdown = (): string =>
  [
    "| code | status | meaning |",
    "| --- | --- | --- |",
    ...REASON_CODES.map((r) => `| \`${r}\` | ${REASONS[r].statuses.join(", ")} | ${REASONS[r].meaning} |`),
  ].join("\n");
