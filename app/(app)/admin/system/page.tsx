import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth";
import { SystemPageClient } from "./page-client";

export const metadata: Metadata = { title: "System" };

export default async function SystemPage() {
  await requirePageActor("admin");
  return <SystemPageClient />;
}
