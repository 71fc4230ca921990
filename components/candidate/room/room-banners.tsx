import { cx } from "@/components/ui/class-names";
import type { UploaderSnapshot } from "@/lib/candidate-room/uploader";
import type { Relay } from "./use-relay";
import styles from "./room.module.css";

/** What the room tells the candidate above the question: notices, the live connection, the network, and problems. */
export function RoomBanners({
  notice,
  problem,
  relay,
  uploads,
  storeIsPersistent,
}: {
  notice: string | null;
  problem: string | null;
  relay: Relay;
  uploads: UploaderSnapshot;
  storeIsPersistent: boolean;
}) {
  return (
    <>
      <div role="status" className={styles.banners}>
        {notice && <p className={cx(styles.notice, styles.info)}>{notice}</p>}
        {relay.state === "local" && (
          <p className={cx(styles.notice, styles.info)}>
            The live connection is not available, so the interview continues in local mode. Your answers are recorded
            and uploaded as usual.
          </p>
        )}
        {relay.state === "reconnecting" && (
          <p className={cx(styles.notice, styles.info)}>
            Reconnecting the live connection… Keep going: recording is not affected.
          </p>
        )}
        {uploads.offline && (
          <p className={cx(styles.notice, styles.warning)}>
            You are offline. Keep going: your answers are kept on this device and will upload as soon as the connection
            returns.
          </p>
        )}
        {uploads.storageFull && (
          <p className={cx(styles.notice, styles.warning)}>
            {uploads.storageFull}. Your answers are kept on this device and upload by themselves once there is room;
            please keep this page open.
          </p>
        )}
        {!storeIsPersistent && (
          <p className={cx(styles.notice, styles.warning)}>
            This browser cannot keep recordings on the device, so please do not close this tab until every answer shows
            as saved.
          </p>
        )}
      </div>
      <p className="muted" data-relay-state={relay.state} data-visible-peers={relay.visiblePeers}>
        {relay.state === "connected" && "Live connection: connected"}
        {relay.state === "connecting" && "Live connection: connecting…"}
      </p>
      <div role="alert">
        {problem && <p className={cx(styles.notice, styles.problem)}>{problem}</p>}
        {uploads.sessionLost && (
          <div className={cx(styles.notice, styles.problem)}>
            <h3>This interview session is no longer open</h3>
            <p>{uploads.sessionLost}. Reload the page to see the invitation&apos;s status.</p>
          </div>
        )}
      </div>
    </>
  );
}
