import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/scenarios";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <SignInForm callbackUrl={safeCallback} initialError={error && error !== "undefined" ? error : undefined} />
    </main>
  );
}
