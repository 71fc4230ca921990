import { requirePermission } from "@/lib/auth/dal";

// Checked here as well as in each page, so a refusal is still sent as a real 403 before streaming starts.
export default async function InterviewsLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("interviews.read");
  return children;
}
