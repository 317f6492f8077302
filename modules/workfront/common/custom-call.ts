import type { Bundle } from "@/lib/modules/json";
import type { ParamPairs } from "../client/encode";
import { clientOf, type RecordModuleInput } from "./records";
import type { Generation } from "./versions";

/**
 * Custom API call: any request under `<host>/attask/api/v<N>.0/`, with the connection's credentials
 * (typed credential headers are replaced). The answer is output as it came — no date conversion, no
 * `data` unwrapping — but an `error` envelope still fails the module, whatever the HTTP status.
 * Version 1 outputs the body as `data`; version 2 as `body`, like http:makeRequest v2.
 */
export interface CustomCallValues {
  url: string;
  method?: string;
  headers?: Array<{ name: string; value?: string }>;
  qs?: Array<{ name: string; value?: string }>;
  body?: unknown;
}

const pairs = (items: CustomCallValues["qs"]): ParamPairs =>
  (items ?? []).filter((item) => item?.name?.trim()).map((item) => [item.name.trim(), item.value ?? ""]);

export async function runCustomCall(input: RecordModuleInput<Readonly<Record<string, unknown>>, CustomCallValues>, generation: Generation, bodyKey: "data" | "body"): Promise<Bundle[]> {
  const method = (input.values.method ?? "GET").toUpperCase() as "GET" | "POST" | "PUT" | "DELETE";
  const answer = await clientOf(input, generation).raw({
    method,
    path: input.values.url,
    query: pairs(input.values.qs),
    headers: pairs(input.values.headers),
    body: method === "GET" || method === "DELETE" ? undefined : input.values.body,
  });
  return [{ statusCode: answer.statusCode, headers: answer.headers, [bodyKey]: answer.body }];
}
