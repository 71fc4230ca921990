import type { Metadata } from "next";
import { InviteLanding } from "@/components/candidate/invite-landing";
import { describeInvite } from "@/lib/invites/landing";

// GET /interview/{token}: the candidate's landing page, public. Opening it never uses an attempt (mail scanners follow
// links); describeInvite only stamps the first visit for the analytics funnel. Starting is the button's POST.

export const metadata: Metadata = {
  title: "Your interview",
  // The link is the credential: keep it out of search engines and out of Referer headers.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function InterviewLandingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await describeInvite(token);
  return <InviteLanding view={view} token={token} />;
}
