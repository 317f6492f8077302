import type { AppDescriptor } from "@/lib/modules/app";
import type { ModuleDefinition } from "@/lib/modules/define";
import { createModuleRegistry } from "@/lib/modules/registry";
import flowApp from "./flow/app";
import arrayAggregatorV1 from "./flow/array-aggregator.v1";
import composeTextV1 from "./flow/compose-text.v1";
import getVariableV1 from "./flow/get-variable.v1";
import incrementV1 from "./flow/increment.v1";
import iteratorV1 from "./flow/iterator.v1";
import manualTriggerV1 from "./flow/manual-trigger.v1";
import numericAggregatorV1 from "./flow/numeric-aggregator.v1";
import repeaterV1 from "./flow/repeater.v1";
import routerV1 from "./flow/router.v1";
import setVariableV1 from "./flow/set-variable.v1";
import sleepV1 from "./flow/sleep.v1";
import textAggregatorV1 from "./flow/text-aggregator.v1";
import jsonApp from "./json/app";
import jsonCreateV1 from "./json/create.v1";
import jsonParseV1 from "./json/parse.v1";
import httpApp from "./http/app";
import httpGetFileV1 from "./http/get-file.v1";
import httpMakeApiKeyRequestV1 from "./http/make-api-key-request.v1";
import httpMakeBasicAuthRequestV1 from "./http/make-basic-auth-request.v1";
import httpMakeOAuth2RequestV1 from "./http/make-oauth2-request.v1";
import httpMakeRequestV1 from "./http/make-request.v1";
import httpMakeRequestV2 from "./http/make-request.v2";
import xmlApp from "./xml/app";
import xmlCreateV1 from "./xml/create.v1";
import xmlParseV1 from "./xml/parse.v1";
import csvApp from "./csv/app";
import csvCreateV1 from "./csv/create.v1";
import csvParseV1 from "./csv/parse.v1";
import webhooksApp from "./webhooks/app";
import customWebhookV1 from "./webhooks/custom-webhook.v1";
import respondV1 from "./webhooks/respond.v1";
import workfrontApp from "./workfront/app";
import { workfrontModules } from "./workfront/modules";
import soapApp from "./soap/app";
import { soapModules } from "./soap/modules";
import proofApp from "./proof/app";
import { proofModules } from "./proof/modules";
import datastoreApp from "./datastore/app";
import { datastoreModules } from "./datastore/modules";

/** Every module version that ships. A new version is added here next to the old one, never instead of it. */
export const allModules: readonly ModuleDefinition[] = [
  manualTriggerV1,
  routerV1,
  iteratorV1,
  arrayAggregatorV1,
  textAggregatorV1,
  numericAggregatorV1,
  setVariableV1,
  getVariableV1,
  incrementV1,
  sleepV1,
  repeaterV1,
  composeTextV1,
  jsonParseV1,
  jsonCreateV1,
  httpMakeRequestV1,
  httpMakeRequestV2,
  httpMakeBasicAuthRequestV1,
  httpMakeApiKeyRequestV1,
  httpMakeOAuth2RequestV1,
  httpGetFileV1,
  xmlParseV1,
  xmlCreateV1,
  csvParseV1,
  csvCreateV1,
  customWebhookV1,
  respondV1,
  ...workfrontModules,
  ...soapModules,
  ...proofModules,
  ...datastoreModules,
];

export const apps: readonly AppDescriptor[] = [flowApp, jsonApp, httpApp, xmlApp, csvApp, webhooksApp, workfrontApp, soapApp, proofApp, datastoreApp];

export const registry = createModuleRegistry(allModules);

export const getModule = registry.getModule;
export const listModules = registry.listModules;
export const latestVersion = registry.latestVersion;
