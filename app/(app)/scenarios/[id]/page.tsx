import type { Metadata } from "next";
import { ScenarioPageClient } from "./page-client";

export const metadata: Metadata = { title: "Scenario" };

export default async function ScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScenarioPageClient id={id} />;
}
