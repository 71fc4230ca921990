import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { companies, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemoData } from "@/scripts/seeds/demo-data";
import { POST as loginRoute } from "@/app/api/v1/auth/login/route";
import { call } from "./http";

export { DEMO_PASSWORD };

export async function seed() {
  const db = await getDb();
  await seedDemoData(db);
  const rows = await db
    .select({ id: users.id, email: users.email, companyId: users.companyId, company: companies.name })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId));
  const byEmail = Object.fromEntries(rows.map((r) => [r.email, r]));
  return byEmail as Record<string, (typeof rows)[number]>;
}

export async function apiLogin(email: string, ip: string, password = DEMO_PASSWORD) {
  const res = await call(loginRoute, "/api/v1/auth/login", { body: { email, password }, ip });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  return res.json as { access_token: string; refresh_token: string; token_type: string };
}
