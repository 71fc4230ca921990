import type { Metadata } from "next";
import { StatusPage } from "@/components/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      text="The address may be mistyped, or the page may have moved."
      link={{ href: "/dashboard", label: "Go to the dashboard" }}
    />
  );
}
