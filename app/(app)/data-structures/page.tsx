import type { Metadata } from "next";
import { DataStructuresPageClient } from "./page-client";

export const metadata: Metadata = { title: "Data structures" };

export default function DataStructuresPage() {
  return <DataStructuresPageClient />;
}
