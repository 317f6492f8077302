import type { Metadata } from "next";
import { DataStorePageClient } from "./page-client";

export const metadata: Metadata = { title: "Data store" };

export default async function DataStorePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DataStorePageClient id={id} />;
}
