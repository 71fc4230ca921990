import { LocalTime } from "@/components/ui/local-time";
import { describeRelayEvent } from "@/lib/livekit/relay-activity";
import type { SessionDetailJson } from "@/lib/review/serialize";
import styles from "./review.module.css";

/** What the live relay reported about the session's video room, in time order; empty when it ran in local mode. */
export function RelayActivity({ activity }: { activity: SessionDetailJson["relay_activity"] }) {
  return (
    <section aria-labelledby="relay-heading" className="stack">
      <h2 id="relay-heading">Live connection</h2>
      {activity.length === 0 ? (
        <p className="muted">
          The live relay reported nothing for this session: the candidate&apos;s room ran in local mode, so nobody could
          watch live. Answers are recorded either way.
        </p>
      ) : (
        <ol className={styles.flagItems} aria-label="Live connection events">
          {activity.map((item, position) => (
            <li key={`${item.at}-${position}`}>
              <LocalTime iso={item.at} precision="seconds" />
              <span>{describeRelayEvent(item)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
