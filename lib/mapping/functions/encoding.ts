import { createHash, createHmac, randomUUID } from "node:crypto";
import { MappingEvalError } from "../errors";
import { isBinary, toText } from "../values";
import { eager, type FunctionTable } from "./types";

type Digest = "hex" | "base64";
const HASHES = ["md5", "sha1", "sha256", "sha512"] as const;
type HashName = (typeof HASHES)[number];

function bytesOf(value: unknown): Buffer {
  return isBinary(value) ? Buffer.from(value) : Buffer.from(toText(value), "utf8");
}

function digestArg(value: unknown): Digest {
  const name = value === undefined || value === null || value === "" ? "hex" : toText(value).toLowerCase();
  if (name !== "hex" && name !== "base64") throw new MappingEvalError(`Encoding must be "hex" or "base64", got ${JSON.stringify(name)}`);
  return name;
}

function hashArg(value: unknown): HashName {
  const name = value === undefined || value === null || value === "" ? "sha256" : toText(value).toLowerCase();
  const found = HASHES.find((h) => h === name);
  if (!found) throw new MappingEvalError(`Algorithm must be one of ${HASHES.join(", ")}, got ${JSON.stringify(name)}`);
  return found;
}

const hash = (algorithm: HashName) =>
  eager(([text, encoding]) => createHash(algorithm).update(bytesOf(text)).digest(digestArg(encoding)));

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Removes comments and tags; text between tags, entities included, stays as written. A scan rather
 * than a regex: `/<[^>]*>/g` is quadratic on text full of "<" with no ">".
 */
function stripTags(html: string): string {
  let out = "";
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf("<", i);
    if (open < 0) return out + html.slice(i);
    out += html.slice(i, open);
    const isComment = html.startsWith("<!--", open);
    const close = isComment ? html.indexOf("-->", open + 4) : html.indexOf(">", open + 1);
    if (close < 0) return isComment ? out : out + html.slice(open);
    i = close + (isComment ? 3 : 1);
  }
  return out;
}

export const encodingFunctions: FunctionTable = {
  base64: eager(([text]) => bytesOf(text).toString("base64")),
  decodeBase64: eager(([text]) => {
    const encoded = toText(text).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(encoded)) throw new MappingEvalError("Text is not base64");
    return Buffer.from(encoded, "base64").toString("utf8");
  }),
  encodeURL: eager(([text]) => encodeURIComponent(toText(text))),
  decodeURL: eager(([text]) => {
    try {
      return decodeURIComponent(toText(text));
    } catch {
      throw new MappingEvalError("Text is not valid URL encoding");
    }
  }),
  md5: hash("md5"),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  hmac: eager(([text, key, algorithm, encoding]) =>
    createHmac(hashArg(algorithm), bytesOf(key)).update(bytesOf(text)).digest(digestArg(encoding)),
  ),
  escapeHTML: eager(([text]) => toText(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])),
  stripHTML: eager(([text]) => stripTags(toText(text))),
  uuid: eager(() => randomUUID()),
};
