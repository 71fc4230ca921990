import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { readPeerAddress } from "./peer-address";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const MAX_USER_AGENT = 512; // characters kept in the audit log

export function requestMeta(headers: Headers): RequestMeta {
  return {
    ip: clientIp({
      peer: readPeerAddress(headers),
      forwardedFor: headers.get("x-forwarded-for"),
      trustedHops: env().TRUST_PROXY_HOPS,
    }),
    userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null,
  };
}
