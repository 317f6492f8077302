import type { FieldSpec } from "@/lib/modules/field-spec";
import type { OutputField } from "@/lib/scenario/output-spec";

/**
 * Field specs the current HTTP modules share (makeRequest v2 and the auth variants). makeRequest v1 keeps
 * its own copy of the old layout in its file: a released version's fields never change under it.
 */
export const METHOD_OPTIONS = [
  { value: "GET", label: "GET" },
  { value: "POST", label: "POST" },
  { value: "PUT", label: "PUT" },
  { value: "PATCH", label: "PATCH" },
  { value: "DELETE", label: "DELETE" },
  { value: "HEAD", label: "HEAD" },
  { value: "OPTIONS", label: "OPTIONS" },
] as const;

const NAME_VALUE = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "value", label: "Value", type: "text" },
] as const;

export const urlField = { name: "url", label: "URL", type: "text", required: true } as const satisfies FieldSpec;
export const headersField = { name: "headers", label: "Headers", type: "array", items: { type: "collection", fields: NAME_VALUE } } as const satisfies FieldSpec;

export const targetFields = [
  urlField,
  { name: "method", label: "Method", type: "select", default: "GET", options: METHOD_OPTIONS },
  headersField,
  { name: "qs", label: "Query string", type: "array", items: { type: "collection", fields: NAME_VALUE } },
] as const satisfies readonly FieldSpec[];

export const bodyField = {
  name: "body",
  label: "Body",
  type: "collection",
  fields: [
    {
      name: "type",
      label: "Body type",
      type: "select",
      default: "none",
      options: [
        { value: "none", label: "No body" },
        { value: "raw", label: "Raw" },
        { value: "json", label: "JSON" },
        { value: "form", label: "application/x-www-form-urlencoded" },
        { value: "multipart", label: "multipart/form-data" },
      ],
    },
    { name: "contentType", label: "Content type", type: "text", help: "Raw bodies only, e.g. application/xml. Default text/plain." },
    {
      name: "content",
      label: "Content",
      type: "any",
      help: "Raw: the text to send. JSON: a structure to serialise, or JSON text sent as written.",
    },
    {
      name: "fields",
      label: "Fields",
      type: "array",
      help: "Form and multipart bodies.",
      items: {
        type: "collection",
        fields: [
          { name: "name", label: "Name", type: "text", required: true },
          {
            name: "kind",
            label: "Field type",
            type: "select",
            default: "text",
            options: [
              { value: "text", label: "Text" },
              { value: "file", label: "File (multipart only)" },
            ],
          },
          { name: "value", label: "Value", type: "text", help: "Text fields." },
          { name: "fileName", label: "File name", type: "text" },
          { name: "mimeType", label: "MIME type", type: "text", help: "Default application/octet-stream." },
          { name: "data", label: "File data", type: "any", help: "Base64 text as http:getFile gives it, plain text, or binary." },
          {
            name: "dataEncoding",
            label: "Data encoding",
            type: "select",
            default: "base64",
            options: [
              { value: "base64", label: "Base64" },
              { value: "text", label: "Text (sent as UTF-8)" },
            ],
          },
        ],
      },
    },
  ],
} as const satisfies FieldSpec;

export const optionFields = [
  { name: "parseResponse", label: "Parse response", type: "boolean", default: true, help: "JSON and XML become data; off: the body as text." },
  {
    name: "evaluateAllStatesAsErrors",
    label: "Evaluate all states as errors (except 2xx and 3xx)",
    type: "boolean",
    default: true,
  },
  { name: "timeout", label: "Timeout (seconds)", type: "number", integer: true, min: 1, max: 300, default: 40 },
  { name: "followRedirect", label: "Follow redirects", type: "boolean", default: true },
  { name: "rejectUnauthorized", label: "Reject unverified (self-signed) certificates", type: "boolean", default: true },
  {
    name: "shareCookies",
    label: "Share cookies with other HTTP modules",
    type: "boolean",
    default: true,
    help: "Cookies set by responses are sent by later HTTP modules of the same run.",
  },
] as const satisfies readonly FieldSpec[];

export const responseOutput: OutputField[] = [
  { name: "statusCode", label: "Status code", type: "number" },
  { name: "headers", label: "Headers", type: "collection" },
  { name: "body", label: "Body", type: "any" },
  {
    name: "cookies",
    label: "Cookies",
    type: "array",
    spec: [
      { name: "name", type: "text" },
      { name: "value", type: "text" },
      { name: "domain", type: "text" },
      { name: "path", type: "text" },
      { name: "expires", type: "date" },
      { name: "secure", type: "boolean" },
      { name: "httpOnly", type: "boolean" },
    ],
  },
];
