import type { Metadata } from "next";
import { ScenariosPageClient } from "./page-client";

export const metadata: Metadata = { title: "Scenarios" };

export default function ScenariosPage() {
  return <ScenariosPageClient />;
}
