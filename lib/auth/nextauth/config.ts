import type { NextAuthConfig } from "next-auth";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";

// The part of the Auth.js config that needs no database (split as in vercel/ai-chatbot).
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_S },
  trustHost: true,
  providers: [],
  callbacks: {
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
