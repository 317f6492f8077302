import type { Metadata } from "next";
import { DataStoresPageClient } from "./page-client";

export const metadata: Metadata = { title: "Data stores" };

export default function DataStoresPage() {
  return <DataStoresPageClient />;
}
