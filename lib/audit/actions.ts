// The audited actions, for the audit page's filter (the schema's check constraint is their one definition).
export { AUDIT_ACTIONS, type AuditAction } from "@/db/schema";
