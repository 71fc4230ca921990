import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getDb } from "@/lib/db";

// Who may be the break-glass admin when single sign-on is required: the company's active ADMINs, who keep password
// sign-in for when the identity provider is down or misconfigured. setSsoRequired checks the choice again.

export interface BreakGlassCandidate {
  id: string;
  email: string;
  name: string;
}

export async function breakGlassCandidates(companyId: string): Promise<BreakGlassCandidate[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, "ADMIN"), eq(users.isActive, true)))
    .orderBy(asc(users.email))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: [r.firstName, r.lastName].filter(Boolean).join(" "),
  }));
}
