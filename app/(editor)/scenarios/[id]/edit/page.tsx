import type { Metadata } from "next";
import { ScenarioEditor } from "@/components/editor/editor";

export const metadata: Metadata = { title: "Editor" };

export default async function EditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScenarioEditor id={id} />;
}
