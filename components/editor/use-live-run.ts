"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { EngineEvent } from "@/lib/engine/types";
import type { ExecutionDetail } from "@/lib/executions/service";
import { api } from "@/components/ui/api";
import { useEditor } from "./store";

/**
 * Follows one execution: engine events over server-sent events light modules up and fill bubbles as the
 * run goes; when it ends, the full log (inputs and outputs) is fetched and shown.
 */
export function useLiveRun(executionId: string | null, options: { past?: boolean } = {}): ExecutionDetail | undefined {
  const [finishedAt, setFinishedAt] = useState(0);
  const detail = useQuery({
    queryKey: ["execution", executionId, finishedAt],
    queryFn: () => api<ExecutionDetail>(`/executions/${executionId}`),
    enabled: executionId !== null,
    // Polling is the fallback for when the event stream cannot be opened (proxies, old browsers).
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 1500),
  });

  useEffect(() => {
    if (executionId === null) {
      useEditor.setState({ operations: {}, runLog: [], runIsPast: false });
      return;
    }
    if (typeof EventSource === "undefined") return;
    const counts: Record<number, { count: number; failed: boolean; running?: boolean }> = {};
    useEditor.setState({ operations: {}, runLog: [] });
    const source = new EventSource(`/api/v1/executions/${executionId}/events`);
    source.addEventListener("engine", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as EngineEvent;
      if (event.type === "module:start") {
        for (const c of Object.values(counts)) c.running = false;
        counts[event.moduleId] = { ...(counts[event.moduleId] ?? { count: 0, failed: false }), running: true };
      } else if (event.type === "module:finish") {
        const c = (counts[event.moduleId] ??= { count: 0, failed: false });
        c.count++;
        c.running = false;
        c.failed ||= event.status === "error";
      } else return;
      useEditor.setState({ operations: structuredClone(counts) });
    });
    source.addEventListener("finished", () => {
      source.close();
      setFinishedAt(Date.now());
    });
    source.onerror = () => source.close();
    return () => source.close();
  }, [executionId]);

  const past = options.past ?? false;
  useEffect(() => {
    const data = detail.data;
    if (!data || ["queued", "running"].includes(data.status)) return;
    useEditor.getState().showRun(data.log, { past });
  }, [detail.data, past]);

  return detail.data;
}
