import type { Metadata } from "next";
import { TokensPageClient } from "./page-client";

export const metadata: Metadata = { title: "My tokens" };

export default function TokensPage() {
  return <TokensPageClient />;
}
