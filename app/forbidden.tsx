import type { Metadata } from "next";
import { StatusPage } from "@/components/status-page";

export const metadata: Metadata = { title: "Access denied" };

export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You don't have access to this page"
      text="Your role does not include this section. If you need it for your work, ask an administrator in your company."
      link={{ href: "/dashboard", label: "Back to the dashboard" }}
    />
  );
}
