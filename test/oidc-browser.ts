import { NextRequest } from "next/server";
import { GET, POST } from "@/lib/auth/nextauth/handlers";
import { peerHeaderValue } from "@/lib/http/peer-address";

// A browser in miniature for the SSO tests: a cookie jar per host and redirects followed by hand. Requests to the app's
// origin go to Auth.js's real route handlers in this process; requests to the identity provider go over HTTP.

export const APP_ORIGIN = "http://localhost:3000";

type Jar = Map<string, Map<string, string>>;

function storeCookies(jar: Jar, url: URL, response: Response) {
  const cookies = jar.get(url.host) ?? new Map<string, string>();
  jar.set(url.host, cookies);
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v] = a.trim().split("=");
      if (k?.toLowerCase() === "max-age") return Number(v) <= 0;
      if (k?.toLowerCase() === "expires") return new Date(v ?? "").getTime() <= Date.now();
      return false;
    });
    if (expired || value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
}

export interface Browser {
  request(url: string, init?: { method?: string; form?: Record<string, string> }): Promise<Response>;
  cookie(origin: string, name: string): string | undefined;
}

export function newBrowser(options: { ip: string; userAgent?: string }): Browser {
  const jar: Jar = new Map();
  return {
    async request(raw, init = {}) {
      const url = new URL(raw);
      const headers = new Headers({ "user-agent": options.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) SSO test" });
      const cookies = jar.get(url.host);
      if (cookies?.size) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
      if (body) headers.set("content-type", "application/x-www-form-urlencoded");
      const method = init.method ?? (body ? "POST" : "GET");
      let response: Response;
      if (url.origin === APP_ORIGIN) {
        headers.set("x-aii-peer", peerHeaderValue(options.ip));
        const request = new NextRequest(url, { method, headers, body });
        response = await (method === "POST" ? POST(request) : GET(request));
      } else {
        response = await fetch(url, { method, headers, body, redirect: "manual" });
      }
      storeCookies(jar, url, response);
      return response;
    },
    cookie(origin, name) {
      return jar.get(new URL(origin).host)?.get(name);
    },
  };
}

export interface SsoAttempt {
  /** Where the app finally sent the browser: "/dashboard" on success, "/login?error=..." on a refusal. */
  landing: string;
  /** Auth.js's session as the app reads it (null when not signed in). */
  session: { sid?: string; user?: { email?: string; name?: string } } | null;
}

/**
 * Signs in through the company's provider as `sub`: Auth.js's sign-in endpoint, the provider's authorize and login
 * page, back to the app's callback. `editAuthorizeUrl` changes the request to the provider (a wrong nonce).
 */
export async function signInWithIdp(
  browser: Browser,
  input: {
    companyId: string;
    sub: string;
    editAuthorizeUrl?: (url: URL) => void;
    /** Changes the provider's answer before the app receives it (another company's callback). */
    editCallbackUrl?: (url: URL) => void;
    callbackUrl?: string;
  },
): Promise<SsoAttempt> {
  const csrf = (await (await browser.request(`${APP_ORIGIN}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await browser.request(`${APP_ORIGIN}/api/auth/signin/sso-${input.companyId}`, {
    form: { csrfToken: csrf.csrfToken, callbackUrl: input.callbackUrl ?? `${APP_ORIGIN}/dashboard` },
  });
  let location = start.headers.get("location");
  if (start.status !== 302 || !location) throw new Error(`sign-in did not redirect: ${start.status}`);
  if (location.startsWith(APP_ORIGIN)) return finish(browser, location); // refused before the provider
  const authorize = new URL(location);
  input.editAuthorizeUrl?.(authorize);
  location = authorize.toString();
  for (let hops = 0; hops < 10; hops++) {
    const url: URL = new URL(location, location.startsWith("/") ? authorize.origin : undefined);
    if (url.origin === APP_ORIGIN) break;
    const response: Response = url.pathname.match(/^\/interaction\/[^/]+$/)
      ? await browser.request(`${url.origin}${url.pathname}/login`, { form: { sub: input.sub } })
      : await browser.request(url.toString());
    const next: string | null = response.headers.get("location");
    if (!next) throw new Error(`the provider stopped at ${url.pathname}: ${response.status} ${await response.text()}`);
    location = new URL(next, url).toString();
  }
  // The provider's answer at the app's callback.
  const answer = new URL(location);
  input.editCallbackUrl?.(answer);
  const callback = await browser.request(answer.toString());
  const landing = callback.headers.get("location");
  if (!landing) throw new Error(`the callback did not redirect: ${callback.status}`);
  return finish(browser, landing);
}

async function finish(browser: Browser, landing: string): Promise<SsoAttempt> {
  const session = (await (await browser.request(`${APP_ORIGIN}/api/auth/session`)).json()) as SsoAttempt["session"];
  const url = new URL(landing, APP_ORIGIN);
  return { landing: `${url.pathname}${url.search}`, session };
}
