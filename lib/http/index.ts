/**
 * lib/http: the guarded outbound client every connector uses (never bare fetch). See docs/http.md.
 */
export {
  createHttpClient,
  httpRequest,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type HeaderInput,
  type HttpClient,
  type HttpClientConfig,
  type HttpRequestOptions,
  type HttpResponse,
  type QueryInput,
} from "./client";
export { allowOutbound, currentAllowList, parseAllowList, AllowListError, ALLOW_ENV, type AllowEntry } from "./policy";
export { systemResolver, type HostResolver } from "./resolve";
export { CookieJar, parseSetCookie, type StoredCookie } from "./cookies";
export { formUrlEncoded, multipartFormData, type EncodedBody, type MultipartPart, type RequestBody } from "./body";
export {
  bodyKindOf,
  decodeBody,
  decodeText,
  parseContentType,
  preview,
  BodyDecodeError,
  type BodyKind,
  type ContentType,
  type DecodedBody,
  type DecodeOptions,
} from "./decode";
export { parseXml, buildXml, XmlError, ATTRIBUTE_PREFIX, TEXT_KEY, type BuildXmlOptions, type ParseXmlOptions } from "./xml";
export {
  HttpCancelledError,
  HttpClientError,
  HttpNetworkError,
  HttpTimeoutError,
  InvalidRequestError,
  OutboundRefusedError,
  ResponseTooLargeError,
  TooManyRedirectsError,
  formatBytes,
  type AddressRule,
  type HttpClientErrorCode,
} from "./errors";
export { withRequestRecorder, RequestNotSentError, type OutgoingRequest, type RequestRecorder } from "./recorder";
