import type { Metadata } from "next";
import { AnalyticsReportView } from "@/components/analytics/analytics-report";
import { PageHeader } from "@/components/ui/page-header";
import { companyAnalyticsReport } from "@/lib/analytics/queries";
import { requirePermission } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Analytics" };

export default async function CompanyAnalyticsPage() {
  const viewer = await requirePermission("analytics.company");
  const report = await companyAnalyticsReport({ viewer });
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Every interview of your company: how candidates move from invite to decision, and how the AI's scores compare with the reviewers'."
      />
      <AnalyticsReportView report={report} />
    </>
  );
}
