import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";

/** Answers the caller of the scenario's webhook, who waits for it (up to the configured timeout). */
export default defineModule({
  key: "webhooks:respond",
  version: 1,
  kind: "responder",
  title: "Webhook response",
  description: "Sends the HTTP response to whoever called the scenario's webhook. Without one, callers get 200 Accepted as soon as the data is stored.",
  fields: [
    { name: "status", label: "Status", type: "number", integer: true, min: 100, max: 599, default: 200, required: true },
    { name: "body", label: "Body", type: "any", help: "Text, or a structure sent as JSON." },
    {
      name: "headers",
      label: "Custom headers",
      type: "array",
      items: { type: "collection", fields: [{ name: "key", label: "Key", type: "text", required: true }, { name: "value", label: "Value", type: "text" }] },
    },
  ],
  output: [{ name: "status", label: "Status", type: "number" }],
  run({ values, respond }) {
    const headers: Record<string, string> = {};
    for (const h of (values.headers ?? []) as Array<{ key: string; value?: string }>) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.key)) throw new DataError(`"${h.key}" is not a valid header name.`);
      headers[h.key.toLowerCase()] = h.value ?? "";
    }
    const body = values.body;
    const text = body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
    if (typeof body !== "string" && body !== undefined && body !== null && !headers["content-type"]) headers["content-type"] = "application/json; charset=utf-8";
    const status = values.status as number;
    respond({ status, headers, body: text });
    return [{ status }];
  },
});
