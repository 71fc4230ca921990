import { Badge } from "@/components/ui/badge";

/** "Live · on question 2 of 5" ("Live · starting" before the first answer arrives). */
export function LiveBadge({ currentQuestion, questionCount }: { currentQuestion: number | null; questionCount: number }) {
  return (
    <Badge tone="danger">
      <span aria-hidden="true">●</span> Live · {currentQuestion === null ? "starting" : `on question ${currentQuestion} of ${questionCount}`}
    </Badge>
  );
}
