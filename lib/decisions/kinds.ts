// The decisions a reviewer records and their email templates, safe for client components (db/enums.ts holds the one
// definition the schema also uses).
export { DECISIONS, type Decision, type DecisionEmailTemplate, type DecisionEmailTemplates } from "@/db/enums";
