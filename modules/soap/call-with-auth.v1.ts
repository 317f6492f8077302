import { defineModule } from "@/lib/modules/define";
import { operationOptions, runSoapCall, soapCallDynamicFields, soapCallFields, soapCallOutput } from "./call";
import { soapCredentials } from "./connection";

/**
 * soap:call with credentials from a connection (HTTP Basic, or one credential header), sent on the
 * WSDL fetch and on the call. A separate module because the engine treats a declared connection as
 * required; soap:call itself stays usable without one.
 */
export default defineModule({
  key: "soap:callWithAuth",
  version: 1,
  kind: "action",
  title: "Call a SOAP operation (with credentials)",
  description: "Like “Call a SOAP operation”, with HTTP Basic or a credential header from a connection.",
  connection: "soap-basic@1|soap-header@1",
  fields: soapCallFields,
  options: { operations: operationOptions(soapCredentials) },
  dynamicFields: soapCallDynamicFields(soapCredentials),
  output: soapCallOutput,
  run: (ctx) => runSoapCall(ctx, soapCredentials),
});
