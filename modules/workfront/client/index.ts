/** The Workfront REST client: URLs, encoding, auth per connection type, envelopes, paging, dates. */
export { clientFor, MAX_PAGE_SIZE, WorkfrontClient, type ClientOptions, type RawAnswer, type WorkfrontRecord } from "./client";
export { isWorkfrontDate, parseWorkfrontDate, toIsoDate, withIsoDates } from "./dates";
export { toPairs, type ParamInput, type ParamPairs, type ParamValue } from "./encode";
export { OAuthTokenError, RemovedApiVersionError, shortClass, toModuleError, WorkfrontApiError } from "./errors";
export { authorizationUrl, exchangeCode } from "./oauth2";
export { apiPrefix, apiUrl, normaliseApiVersion, SUBSCRIPTIONS_PATH } from "./url";
export { credentialsOf, normaliseHost, type WorkfrontCredentials } from "./values";
