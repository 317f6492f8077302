import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth";
import { AuditPageClient } from "./page-client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePageActor("admin");
  return <AuditPageClient />;
}
