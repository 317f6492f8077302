import pino from "pino";
import { readConfig } from "./config";

/** JSON logs; anything that looks like a credential is redacted before it is written. */
export const log = pino({
  level: readConfig().logLevel,
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "headers.cookie",
      "*.headers.cookie",
      "apiKey",
      "*.apiKey",
    ],
    censor: "[redacted]",
  },
});
