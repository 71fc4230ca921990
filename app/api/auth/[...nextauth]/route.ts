// GET|POST /api/auth/*: Auth.js endpoints for the dashboard (session, CSRF, sign-in callbacks).
export { GET, POST } from "@/lib/auth/nextauth/handlers";
