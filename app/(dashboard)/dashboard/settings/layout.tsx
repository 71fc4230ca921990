import { requirePermission } from "@/lib/auth/dal";

// Checked here as well as in the page, so a refusal is still sent as a real 403 before streaming starts.
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("company.holidays");
  return children;
}
