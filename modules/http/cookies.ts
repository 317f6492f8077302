import { CookieJar } from "@/lib/http";
import type { RunVariables } from "@/lib/modules/context";

/**
 * "Share cookies with other HTTP modules": one jar per scenario run. It is keyed by the run's variables
 * object, which the engine creates once per run and hands to every module, so the jar is shared within
 * the run, invisible to the mapping language (unlike a run variable), and gone with the run. A resumed
 * incomplete execution starts with an empty jar.
 */
const jars = new WeakMap<RunVariables, CookieJar>();

export function runCookieJar(variables: RunVariables): CookieJar {
  let jar = jars.get(variables);
  if (!jar) jars.set(variables, (jar = new CookieJar()));
  return jar;
}
