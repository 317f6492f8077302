import type { Metadata } from "next";
import { ConnectionsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<{ authorized?: string; authorizationError?: string; create?: string }> }) {
  const { authorized, authorizationError, create } = await searchParams;
  return <ConnectionsPageClient authorized={authorized} authorizationError={authorizationError} createType={create} />;
}
