import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth";
import { UsersPageClient } from "./page-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageActor("admin");
  return <UsersPageClient />;
}
