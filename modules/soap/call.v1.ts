import { defineModule } from "@/lib/modules/define";
import { operationOptions, runSoapCall, soapCallDynamicFields, soapCallFields, soapCallOutput } from "./call";

const noCredentials = () => [];

/**
 * soap:call: any RPC operation of any WSDL 1.1 service. Pick a WSDL and an operation; the operation's
 * input parts become fields (under “Input”); the result comes out as bundles (a list: one per item).
 * A SOAP fault is a module error naming its faultcode and faultstring. No credentials: for HTTP Basic
 * or a credential header use soap:callWithAuth, whose connection keeps the secret out of the blueprint.
 */
export default defineModule({
  key: "soap:call",
  version: 1,
  kind: "action",
  title: "Call a SOAP operation",
  description: "Calls an operation of a SOAP 1.1 service described by a WSDL; its fields are generated from the WSDL.",
  connection: null,
  fields: soapCallFields,
  options: { operations: operationOptions(noCredentials) },
  dynamicFields: soapCallDynamicFields(noCredentials),
  output: soapCallOutput,
  run: (ctx) => runSoapCall({ ...ctx, connection: null }, noCredentials),
});
