import type { HttpResponse } from "@/lib/http";
import type { RunVariables } from "@/lib/modules/context";
import type { MapperOf } from "@/lib/modules/field-spec";
import type { Bundle } from "@/lib/modules/json";
import type { BodySpec } from "./body";
import { runCookieJar } from "./cookies";
import { bodyField, optionFields, targetFields } from "./fields";
import { assertAcceptedStatus, responseCookies, responseData, sendRequest, type Credentials } from "./request";

/**
 * The current request layout (makeRequest v2, and the Basic, API key and OAuth2 variants): one `body`
 * collection, output `body`, cookies shared across the run unless turned off.
 */
export const requestFields = [...targetFields, bodyField, ...optionFields] as const;
export type RequestValues = MapperOf<typeof requestFields>;

export function bodySpecOf(body: RequestValues["body"]): BodySpec {
  const fields = (body?.fields ?? []).filter((f) => f !== null);
  switch (body?.type ?? "none") {
    case "raw":
      return { type: "raw", contentType: body?.contentType, content: body?.content };
    case "json":
      return { type: "json", content: body?.content };
    case "form":
      return { type: "form", fields };
    case "multipart":
      return { type: "multipart", fields };
    default:
      return { type: "none" };
  }
}

export interface RequestContext {
  variables: RunVariables;
  signal: AbortSignal;
}

export function sendCurrentRequest(values: RequestValues, ctx: RequestContext, credentials?: Credentials): Promise<HttpResponse> {
  return sendRequest(
    { url: values.url, method: values.method, headers: values.headers, qs: values.qs, body: bodySpecOf(values.body) },
    {
      timeoutSeconds: values.timeout,
      followRedirect: values.followRedirect,
      rejectUnauthorized: values.rejectUnauthorized,
      signal: ctx.signal,
      cookieJar: values.shareCookies ? runCookieJar(ctx.variables) : undefined,
    },
    credentials,
  );
}

export function currentOutput(response: HttpResponse, values: RequestValues): Bundle {
  if (values.evaluateAllStatesAsErrors) assertAcceptedStatus(response);
  return {
    statusCode: response.status,
    headers: response.headers,
    body: responseData(response, values.parseResponse),
    cookies: responseCookies(response),
  };
}
