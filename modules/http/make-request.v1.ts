import { defineModule } from "@/lib/modules/define";
import type { BodySpec } from "./body";
import { assertAcceptedStatus, responseData, sendRequest } from "./request";

/**
 * http:makeRequest v1: Fusion's flat layout. The body type is a static select and each type has its own
 * top-level fields; output `data`. Deprecated in favour of v2 (one `body` collection, output `body`,
 * shared cookies). Its fields stay as released: old scenarios rely on them.
 */
const NAME_VALUE = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "value", label: "Value", type: "text" },
] as const;

export default defineModule({
  key: "http:makeRequest",
  version: 1,
  kind: "action",
  title: "Make a request",
  description: "Sends an HTTP request and outputs the status, headers and (parsed) response data.",
  deprecated: {
    since: "2026-06-01",
    sunset: "2027-06-01",
    reason: "Version 2 puts the body settings into one Body field, renames the output `data` to `body` and can share cookies; upgrade to v2.",
  },
  fields: [
    { name: "url", label: "URL", type: "text", required: true },
    {
      name: "method",
      label: "Method",
      type: "select",
      default: "GET",
      options: [
        { value: "GET", label: "GET" },
        { value: "POST", label: "POST" },
        { value: "PUT", label: "PUT" },
        { value: "PATCH", label: "PATCH" },
        { value: "DELETE", label: "DELETE" },
        { value: "HEAD", label: "HEAD" },
        { value: "OPTIONS", label: "OPTIONS" },
      ],
    },
    { name: "headers", label: "Headers", type: "array", items: { type: "collection", fields: NAME_VALUE } },
    { name: "qs", label: "Query string", type: "array", items: { type: "collection", fields: NAME_VALUE } },
    {
      name: "bodyType",
      label: "Body type",
      type: "select",
      static: true,
      default: "none",
      options: [
        { value: "none", label: "No body" },
        { value: "raw", label: "Raw" },
        { value: "x_www_form_urlencoded", label: "application/x-www-form-urlencoded" },
        { value: "multipart_form_data", label: "multipart/form-data" },
        { value: "json", label: "JSON" },
      ],
    },
    { name: "contentType", label: "Content type", type: "text", help: "Raw body: e.g. application/xml. Default text/plain." },
    { name: "data", label: "Request content", type: "text", multiline: true, help: "Raw body." },
    { name: "json", label: "JSON", type: "any", help: "JSON body: the structure to send." },
    { name: "formFields", label: "Fields", type: "array", items: { type: "collection", fields: NAME_VALUE }, help: "Form body." },
    {
      name: "formDataFields",
      label: "Fields",
      type: "array",
      help: "Multipart body.",
      items: {
        type: "collection",
        fields: [
          {
            name: "fieldType",
            label: "Field type",
            type: "select",
            default: "text",
            options: [
              { value: "text", label: "Text" },
              { value: "file", label: "File" },
            ],
          },
          { name: "key", label: "Key", type: "text", required: true },
          { name: "value", label: "Value", type: "text" },
          { name: "fileName", label: "File name", type: "text" },
          { name: "mimeType", label: "MIME type", type: "text" },
          { name: "data", label: "File data", type: "any" },
          {
            name: "dataEncoding",
            label: "Data encoding",
            type: "select",
            default: "base64",
            options: [
              { value: "base64", label: "Base64" },
              { value: "text", label: "Text" },
            ],
          },
        ],
      },
    },
    { name: "parseResponse", label: "Parse response", type: "boolean", default: true },
    { name: "evaluateAllStatesAsErrors", label: "Evaluate all states as errors (except 2xx and 3xx)", type: "boolean", default: true },
    { name: "timeout", label: "Timeout (seconds)", type: "number", integer: true, min: 1, max: 300, default: 40 },
    { name: "followRedirect", label: "Follow redirects", type: "boolean", default: true },
    { name: "rejectUnauthorized", label: "Reject unverified (self-signed) certificates", type: "boolean", default: true },
  ],
  output: [
    { name: "statusCode", label: "Status code", type: "number" },
    { name: "headers", label: "Headers", type: "collection" },
    { name: "data", label: "Data", type: "any" },
  ],
  async run({ params, values, signal }) {
    const body: BodySpec =
      params.bodyType === "raw"
        ? { type: "raw", contentType: values.contentType, content: values.data }
        : params.bodyType === "json"
          ? { type: "json", content: values.json }
          : params.bodyType === "x_www_form_urlencoded"
            ? { type: "form", fields: (values.formFields ?? []).filter((f) => f !== null) }
            : params.bodyType === "multipart_form_data"
              ? {
                  type: "multipart",
                  fields: (values.formDataFields ?? [])
                    .filter((f) => f !== null)
                    .map((f) => ({ ...f, name: f.key, kind: f.fieldType })),
                }
              : { type: "none" };
    const response = await sendRequest(
      { url: values.url, method: values.method, headers: values.headers, qs: values.qs, body },
      { timeoutSeconds: values.timeout, followRedirect: values.followRedirect, rejectUnauthorized: values.rejectUnauthorized, signal },
    );
    if (values.evaluateAllStatesAsErrors) assertAcceptedStatus(response);
    return [{ statusCode: response.status, headers: response.headers, data: responseData(response, values.parseResponse) }];
  },
});
