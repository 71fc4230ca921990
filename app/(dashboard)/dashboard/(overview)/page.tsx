import type { Metadata } from "next";
import { RoleOverview } from "@/components/dashboard/role-overview";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const user = await requirePermission("dashboard.view");
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.firstName || user.email}`}
        description="Here is what your account can do in AI Interviewer."
      />
      <RoleOverview user={user} />
    </>
  );
}
