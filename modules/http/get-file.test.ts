import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "@/lib/http";
import { startTestServer, type TestServer } from "@/lib/http/testing";
import type { EngineModule } from "@/lib/engine/blueprint";
import { blueprint, outputsOf, run } from "@/lib/engine/testing";
import { fileNameOf } from "./get-file.v1";
import { contentRoutes, PNG_BYTES } from "./testing";

let server: TestServer;
let disallow: () => void;
beforeAll(async () => {
  server = await startTestServer(contentRoutes);
  disallow = allowOutbound(`127.0.0.1:${server.port}`);
});
afterAll(async () => {
  disallow();
  await server.close();
});

const trigger: EngineModule = { id: 1, module: "flow:manualTrigger", version: 1 };
const getFile = (mapper: Record<string, unknown>): EngineModule => ({ id: 2, module: "http:getFile", version: 1, mapper });

describe("http:getFile", () => {
  it("outputs name, MIME type, size and base64 data, taking only the last part of a suggested name", async () => {
    const result = await run(blueprint([trigger, getFile({ url: `${server.origin}/download/report` })], [[1, 2]]));
    expect(outputsOf(result, 2)).toEqual([
      { fileName: "Q3 report.pdf", mimeType: "application/pdf", size: PNG_BYTES.length, data: PNG_BYTES.toString("base64") },
    ]);
    const plain = await run(blueprint([trigger, getFile({ url: `${server.origin}/files/plain%20name.txt` })], [[1, 2]]));
    expect(outputsOf(plain, 2)[0]).toMatchObject({ fileName: "plain name.txt", mimeType: "text/plain", size: 5 });
  });

  it("hands the file to a multipart upload byte for byte", async () => {
    const result = await run(
      blueprint(
        [
          trigger,
          getFile({ url: `${server.origin}/png` }),
          {
            id: 3,
            module: "http:makeRequest",
            version: 2,
            mapper: {
              url: `${server.origin}/multipart`,
              method: "POST",
              body: { type: "multipart", fields: [{ name: "upload", kind: "file", fileName: "{{2.fileName}}", mimeType: "{{2.mimeType}}", data: "{{2.data}}" }] },
            },
          },
        ],
        [
          [1, 2],
          [2, 3],
        ],
      ),
    );
    expect(result.status).toBe("success");
    expect((outputsOf(result, 3)[0] as Record<string, unknown>).body).toEqual({
      upload: { fileName: "png", type: "image/png", size: PNG_BYTES.length, base64: PNG_BYTES.toString("base64") },
    });
  });

  it("refuses a file over its size limit and a failed download", async () => {
    const big = await run(blueprint([trigger, getFile({ url: `${server.origin}/huge?bytes=${2 * 1024 * 1024}`, maxSizeMb: 1 })], [[1, 2]]));
    expect(big.error).toMatchObject({ type: "DataError", message: "The response is larger than 1 MB." });
    const missing = await run(blueprint([trigger, getFile({ url: `${server.origin}/status/404` })], [[1, 2]]));
    expect(missing.error?.type).toBe("DataError");
  });
});

describe("file names", () => {
  it.each([
    ["attachment; filename*=UTF-8''na%C3%AFve%20plan.txt; filename=\"fallback.txt\"", "https://x.test/a", "naïve plan.txt"],
    ['attachment; filename="quoted \\"name\\".csv"', "https://x.test/a", 'quoted "name".csv'],
    ["attachment; filename=report.pdf", "https://x.test/a", "report.pdf"],
    ['inline; filename="..\\\\..\\\\win.ini"', "https://x.test/a", "win.ini"],
    [undefined, "https://x.test/files/r%C3%A9sum%C3%A9.pdf?x=1", "résumé.pdf"],
    [undefined, "https://x.test/", "file"],
    ['attachment; filename=".."', "https://x.test/", "file"],
  ])("%s + %s → %s", (disposition, url, expected) => {
    expect(fileNameOf(disposition, url)).toBe(expected);
  });
});
