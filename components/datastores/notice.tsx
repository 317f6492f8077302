import { Alert } from "@/components/ui/misc";

export type Notice = { kind: "error" | "success"; text: string } | null;

/** The outcome of the last action on a page (saved, deleted, imported), above its list. */
export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <div className="mb-4">
      <Alert kind={notice.kind}>{notice.text}</Alert>
    </div>
  );
}
