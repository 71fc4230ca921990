import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, emailOutbox } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { newDeviceEmailOf, setNewDeviceEmail } from "@/lib/companies/new-device-email";
import { DEMO_PASSWORD } from "@/test/fixtures";
import { freshAccount } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";

const fixture = useTestDb();

const CHROME_131 =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_132 = CHROME_131.replace("131.0.0.0", "132.0.6834.83");
const FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const DAY_MS = 86_400_000;

async function newDeviceAudits(userId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "NEW_DEVICE_SIGN_IN"), eq(auditLogs.userId, userId)))
    .orderBy(auditLogs.createdAt);
}

const signIn = (email: string, ip: string | null, userAgent: string | null, kind: "api" | "web" = "web", now?: Date) =>
  login({ email, password: DEMO_PASSWORD, kind, meta: { ip, userAgent }, now });

describe("a sign-in from a new device", () => {
  it("is audited when the browser family or the network is new, not for the first sign-in, an update or the same /64", async () => {
    const { email, id } = await freshAccount();
    await signIn(email, "198.51.100.1", CHROME_131); // the first sign-in: nothing to compare with
    expect(await newDeviceAudits(id)).toEqual([]);
    await signIn(email, "198.51.100.1", CHROME_132); // a browser update
    expect(await newDeviceAudits(id)).toEqual([]);

    const firefox = await signIn(email, "198.51.100.1", FIREFOX);
    let audits = await newDeviceAudits(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      resourceType: "auth_session",
      resourceId: firefox.session.id,
      ipAddress: "198.51.100.1",
      userAgent: FIREFOX,
      details: { channel: "web", device: "Firefox on Ubuntu", network: "198.51.100.1", email_id: null },
    });

    await signIn(email, "198.51.100.2", CHROME_131); // a known browser on another IPv4 address
    await signIn(email, "2001:db8:7:8::1", CHROME_131); // first time on this IPv6 network
    await signIn(email, "2001:db8:7:8:abcd::42", CHROME_132); // the same /64
    await signIn(email, "2001:db8:7:9::1", CHROME_131, "api"); // another /64, through the API
    audits = await newDeviceAudits(id);
    expect(audits.map((a) => (a.details as { network: string }).network)).toEqual([
      "198.51.100.1",
      "198.51.100.2",
      "2001:db8:7:8::/64",
      "2001:db8:7:9::/64",
    ]);
    expect(audits.at(-1)?.details).toMatchObject({ channel: "api" });
  });

  it("counts a device as known for 90 days only, so a dormant account signed in to again is noticed", async () => {
    const { email, id } = await freshAccount();
    const long_ago = new Date(Date.now() - 120 * DAY_MS);
    await signIn(email, "198.51.100.50", CHROME_131, "web", long_ago);
    await signIn(email, "198.51.100.50", CHROME_131);
    expect(await newDeviceAudits(id)).toHaveLength(1);
  });

  it("emails the person only when their company turned it on (an ADMIN's audited setting), and not otherwise", async () => {
    const { email, id, companyId } = await freshAccount();
    const adminId = fixture.people["admin@nextgenai.com"]!.id;
    const db = await getDb();
    const emailsTo = () => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));

    await signIn(email, "192.0.2.10", CHROME_131);
    await signIn(email, "192.0.2.11", CHROME_131);
    expect(await newDeviceAudits(id)).toHaveLength(1);
    expect(await emailsTo()).toEqual([]);

    expect(await newDeviceEmailOf(companyId)).toBe(false);
    const meta = { ip: "192.0.2.99", userAgent: "vitest" };
    expect(await setNewDeviceEmail({ actor: { userId: adminId, companyId }, enabled: true, meta })).toEqual({
      enabled: true,
      changed: true,
    });
    expect(await setNewDeviceEmail({ actor: { userId: adminId, companyId }, enabled: true, meta })).toEqual({
      enabled: true,
      changed: false,
    });
    try {
      const settingAudits = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "COMPANY_SETTINGS_UPDATED"), eq(auditLogs.companyId, companyId)));
      expect(settingAudits.map((a) => a.details)).toEqual([{ setting: "new_device_email", from: false, to: true }]);
      expect(settingAudits[0]?.userId).toBe(adminId);

      await signIn(email, "192.0.2.11", CHROME_132); // known: no email
      expect(await emailsTo()).toEqual([]);
      const fresh = await signIn(email, "192.0.2.12", FIREFOX, "api");
      const [sent] = await emailsTo();
      expect(sent).toMatchObject({ subject: "New sign-in to your AI Interviewer account", tokenId: null, companyId });
      expect(sent!.textBody).toContain("Device: Firefox on Ubuntu");
      expect(sent!.textBody).toContain("Address: 192.0.2.12");
      expect(sent!.textBody).toContain("Signed in to: the API");
      expect(sent!.textBody).toContain("/dashboard/account/sessions");
      const audit = (await newDeviceAudits(id)).find((a) => a.resourceId === fresh.session.id);
      expect(audit?.details).toMatchObject({ email_id: sent!.id });
    } finally {
      await setNewDeviceEmail({ actor: { userId: adminId, companyId }, enabled: false, meta });
    }
    expect(await newDeviceEmailOf(companyId)).toBe(false);
  });
});
