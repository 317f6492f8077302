import { defineModule } from "@/lib/modules/define";
import { parseContentType } from "@/lib/http";
import { runCookieJar } from "./cookies";
import { headersField, urlField } from "./fields";
import { assertAcceptedStatus, sendRequest } from "./request";

const MB = 1024 * 1024;

/**
 * http:getFile: downloads a file as binary output. Binary data travels between modules as base64 text
 * in `data` (with `fileName`, `mimeType` and `size` in bytes), which survives execution logs, resumed
 * runs and JSON; multipart file fields and other modules decode it (docs/http.md).
 */
export default defineModule({
  key: "http:getFile",
  version: 1,
  kind: "action",
  title: "Get a file",
  description: "Downloads a file; outputs its name, MIME type, size and data (base64).",
  fields: [
    urlField,
    headersField,
    { name: "maxSizeMb", label: "Maximum size (MB)", type: "number", integer: true, min: 1, max: 100, default: 10 },
    { name: "evaluateAllStatesAsErrors", label: "Evaluate all states as errors (except 2xx and 3xx)", type: "boolean", default: true },
    { name: "timeout", label: "Timeout (seconds)", type: "number", integer: true, min: 1, max: 300, default: 40 },
    { name: "followRedirect", label: "Follow redirects", type: "boolean", default: true },
    { name: "rejectUnauthorized", label: "Reject unverified (self-signed) certificates", type: "boolean", default: true },
    { name: "shareCookies", label: "Share cookies with other HTTP modules", type: "boolean", default: true },
  ],
  output: [
    { name: "fileName", label: "File name", type: "text" },
    { name: "mimeType", label: "MIME type", type: "text" },
    { name: "size", label: "Size (bytes)", type: "number" },
    { name: "data", label: "Data (base64)", type: "binary" },
  ],
  async run({ values, variables, signal }) {
    const response = await sendRequest(
      { url: values.url, method: "GET", headers: values.headers, body: { type: "none" } },
      {
        timeoutSeconds: values.timeout,
        followRedirect: values.followRedirect,
        rejectUnauthorized: values.rejectUnauthorized,
        signal,
        cookieJar: values.shareCookies ? runCookieJar(variables) : undefined,
        maxBytes: values.maxSizeMb * MB,
      },
    );
    if (values.evaluateAllStatesAsErrors) assertAcceptedStatus(response);
    return [
      {
        fileName: fileNameOf(response.headers["content-disposition"], response.url),
        mimeType: parseContentType(response.headers["content-type"]).mediaType || "application/octet-stream",
        size: response.body.length,
        data: response.body.toString("base64"),
      },
    ];
  },
});

/** Content-Disposition's filename* (RFC 6266/5987), then filename, then the URL's last segment. */
export function fileNameOf(disposition: string | undefined, url: string): string {
  const extended = disposition && /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended[2].trim()));
    } catch {
      // a malformed escape: fall through to the plain filename
    }
  }
  const plain = disposition && /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  if (plain) return safeName((plain[1] ?? plain[2]).replace(/\\(.)/g, "$1").trim());
  const segment = new URL(url).pathname.split("/").filter(Boolean).pop();
  if (segment) {
    try {
      return safeName(decodeURIComponent(segment));
    } catch {
      return safeName(segment);
    }
  }
  return "file";
}

/** Only the last path component: a server cannot steer a later "save file" step into another folder. */
function safeName(name: string): string {
  const last = name.split(/[/\\]/).pop()?.trim() ?? "";
  return last === "" || last === "." || last === ".." ? "file" : last;
}
