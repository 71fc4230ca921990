// The staff roles, safe for client components (db/enums.ts holds the one definition the schema also uses).
export { ROLES, type Role } from "@/db/enums";
