import "server-only";
import type { EventEmitter } from "node:events";
import type { EngineEvent } from "../engine/types";
import type { ExecutionFinished } from "../runtime";

const HEARTBEAT_MS = 15_000;

/**
 * One execution's engine events as a server-sent event stream. The stream ends with a `finished` event
 * when the run ends (or at once when it already had), so the browser knows to fetch the full log.
 */
export function executionEventStream(events: EventEmitter, executionId: string, stillRunning: () => Promise<boolean>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (name: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      const onEvent = (e: { executionId: string; event: EngineEvent }) => {
        if (e.executionId === executionId) send("engine", e.event);
      };
      const onFinished = (e: ExecutionFinished) => {
        if (e.executionId !== executionId) return;
        send("finished", { executionId, status: e.status });
        close();
      };
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        events.off("execution", onEvent);
        events.off("finished", onFinished);
      };
      events.on("execution", onEvent);
      events.on("finished", onFinished);
      signal.addEventListener("abort", close);
      send("ready", { executionId });
      // Checked after subscribing, so a run that ends in between is not waited for forever.
      void stillRunning().then(
        (running) => {
          if (running) return;
          send("finished", { executionId });
          close();
        },
        () => close(),
      );
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
