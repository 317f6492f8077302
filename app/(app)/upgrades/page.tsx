import type { Metadata } from "next";
import { UpgradesPageClient } from "./page-client";

export const metadata: Metadata = { title: "Upgrade center" };

export default function UpgradesPage() {
  return <UpgradesPageClient />;
}
