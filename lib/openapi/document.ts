import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { REASON_CODES } from "@/lib/errors/reasons";
import { registerAuth } from "./auth";
import { registerCandidates } from "./candidates";
import { SECURITY_SCHEMES } from "./common";
import { registerDecisions } from "./decisions";
import { registerErasure } from "./erasure";
import { registerExtensions } from "./extensions";
import { registerInterviews } from "./interviews";
import { registerInvites } from "./invites";
import { registerLivekit } from "./livekit";
import { registerOperations } from "./operations";
import { registerReminders } from "./reminders";
import { INFO_DESCRIPTION, TAGS } from "./overview";
import { registerReview } from "./review";
import { registerSignInSessions } from "./sign-in-sessions";
import { registerSso } from "./sso";
import { registerTwoFactor } from "./two-factor";

// The OpenAPI 3.1 document of every route (app/**/route.ts; lib/openapi/coverage.test.ts keeps it complete), built
// from the zod schemas the routes parse with. Built once per process: it only changes with the code.

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

function build(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    registry.registerComponent("securitySchemes", name, { ...scheme });
  // Every reason of the catalog, in one place of the document: what any error's `code` may say.
  registry.registerComponent("schemas", "ErrorBody", {
    type: "object",
    required: ["detail", "code"],
    properties: {
      detail: { description: "A safe, human-readable message (a list of issues for validation_error)." },
      code: { type: "string", enum: [...REASON_CODES], description: "The stable reason clients switch on." },
    },
  });
  registerAuth(registry);
  registerSso(registry);
  registerSignInSessions(registry);
  registerTwoFactor(registry);
  registerInterviews(registry);
  registerInvites(registry);
  registerExtensions(registry);
  registerCandidates(registry);
  registerReminders(registry);
  registerReview(registry);
  registerDecisions(registry);
  registerErasure(registry);
  registerLivekit(registry);
  registerOperations(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "AI Interviewer API",
      version: "1.0.0",
      description: INFO_DESCRIPTION,
    },
    tags: TAGS,
  });
}

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}
