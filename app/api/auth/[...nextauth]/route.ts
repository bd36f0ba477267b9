import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/options';

// /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (NextAuth(authOptions()) as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
}

export { handler as GET, handler as POST };
