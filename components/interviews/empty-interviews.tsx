import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The first-run state: what an interview is, and the one thing to do next. */
export function EmptyInterviews({ canCreate }: { canCreate: boolean }) {
  return (
    <Card
      title="No interviews yet"
      description={
        canCreate
          ? "An interview is a set of questions candidates answer on video, each within a time limit. Create one, then invite candidates with a personal link."
          : "Interviews your team creates will appear here."
      }
    >
      {canCreate && (
        <div>
          <Link href="/dashboard/interviews/new" className={buttonClass("primary")}>
            Create your first interview
          </Link>
        </div>
      )}
    </Card>
  );
}
