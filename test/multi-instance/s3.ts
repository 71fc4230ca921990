import { startS3Server, VERSITYGW_BIN, versitygwBinary } from "@/scripts/s3/server-process";

// The cluster's one S3 server: versitygw on a loopback port, its posix backend in `dir`. Without it there is nothing to
// prove (on local disks the instances cannot see each other's chunks), so a missing binary fails the run.
export async function startClusterS3(
  dir: string,
): Promise<{ env: Record<string, string>; label: string; stop(): Promise<void> }> {
  if (!versitygwBinary())
    throw new Error(
      `The two-instance proof needs an S3 server: no versitygw at ${VERSITYGW_BIN} (npm run s3:install).`,
    );
  const server = await startS3Server({ dir, bucket: "cluster-recordings" });
  return { env: server.env, label: `S3 (versitygw at ${server.endpoint})`, stop: () => server.stop() };
}
