import { Badge } from "@/components/ui/badge";

/**
 * "Live · on question 2 of 5" ("Live · starting" before the first answer arrives), with "· in the video room" while
 * the live relay reports the candidate connected (local mode never says so).
 */
export function LiveBadge({
  currentQuestion,
  questionCount,
  inRoom = false,
}: {
  currentQuestion: number | null;
  questionCount: number;
  inRoom?: boolean;
}) {
  return (
    <Badge tone="danger">
      <span aria-hidden="true">●</span> Live ·{" "}
      {currentQuestion === null ? "starting" : `on question ${currentQuestion} of ${questionCount}`}
      {inRoom && " · in the video room"}
    </Badge>
  );
}
