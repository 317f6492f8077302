import { afterAll, beforeAll } from "vitest";
import { callOperation, createFetchPoster, readWsdl, SoapFault, type SoapArgs, type SoapServiceDescription, type SoapValue } from "@/lib/soap";
import { PROOF_SANDBOX_DEMO, startProofSandbox, type ProofSandboxOptions } from "./index";

export type StartedSandbox = Awaited<ReturnType<typeof startProofSandbox>>;

/** Starts a sandbox on 127.0.0.1 for the file's tests and stops it afterwards. Read `.current` inside tests. */
export function sandboxForThisFile(options: ProofSandboxOptions = {}): { current: StartedSandbox } {
  const holder = {} as { current: StartedSandbox };
  beforeAll(async () => {
    holder.current = await startProofSandbox(options);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

const post = createFetchPoster();

/** A lib/soap client for one surface, built from the WSDL the sandbox serves. */
export async function soapClient(sandbox: StartedSandbox, surface: "12.1" | "16.24.0" = "12.1") {
  const wsdlUrl = surface === "12.1" ? `${sandbox.url}/soap?wsdl` : `${sandbox.url}/16_24_0/soap.wsdl`;
  const response = await fetch(wsdlUrl);
  const description: SoapServiceDescription = readWsdl(await response.text());
  return {
    description,
    call: (operation: string, args: SoapArgs = {}): Promise<SoapValue> => callOperation(description, operation, args, { post }),
  };
}

export type SoapClient = Awaited<ReturnType<typeof soapClient>>;

export async function loginDemo(client: SoapClient): Promise<string> {
  const login = (await client.call("doLogin", { Login: PROOF_SANDBOX_DEMO.email, Password: PROOF_SANDBOX_DEMO.password })) as { session: string };
  return login.session;
}

/** The fault a call ends in (fails the test when it succeeds). */
export async function faultOf(promise: Promise<unknown>): Promise<SoapFault> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SoapFault) return error;
    throw error;
  }
  throw new Error("expected a SOAP fault, the call succeeded");
}

/** Posts a hand-written envelope body (for what a WSDL-driven client cannot send). */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8", ...headers }, body });
  return { status: response.status, text: await response.text() };
}

export function envelope(namespace: string, operation: string, parts: string): string {
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:op="${namespace}"><soapenv:Header/><soapenv:Body><op:${operation}>${parts}</op:${operation}></soapenv:Body></soapenv:Envelope>`;
}

/** Uploads bytes to upload.php and returns the hash. */
export async function upload(sandbox: StartedSandbox, filename: string, content: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([content]), filename);
  const response = await fetch(`${sandbox.url}/upload.php`, { method: "POST", body: form });
  const answer = (await response.json()) as { filehash: string };
  return answer.filehash;
}

export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
