import type { NextAuthConfig } from "next-auth";
import { authRedirect } from "@/lib/auth/safe-redirect";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";

// The part of the Auth.js config that needs no database (split as in vercel/ai-chatbot).
export const authConfig = {
  // Auth.js's own errors (an OpenID answer it refused) land on the login page as ?error=<type>, which says what to do.
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_S },
  trustHost: true,
  providers: [],
  callbacks: {
    // Auth.js's own endpoints take a callbackUrl (query, form field, cookie): the same rule as the login page.
    redirect: authRedirect,
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
