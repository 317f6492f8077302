import { describe, expect, it } from "vitest";
import { formUrlEncoded, multipartFormData } from "./body";

describe("request bodies", () => {
  it("encodes form fields in order, repeated names kept", () => {
    const { contentType, body } = formUrlEncoded([
      ["name", "Ada Lovelace"],
      ["tag", "a&b=c"],
      ["tag", "ü"],
    ]);
    expect(contentType).toBe("application/x-www-form-urlencoded");
    expect(body.toString()).toBe("name=Ada+Lovelace&tag=a%26b%3Dc&tag=%C3%BC");
  });

  it("builds multipart bodies a standard parser reads back, text and files alike", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const { contentType, body } = multipartFormData([
      { kind: "text", name: "title", value: "Quarterly \"report\"\r\nline 2" },
      { kind: "file", name: "file", fileName: "chart.png", contentType: "image/png", data: png },
    ]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----PatchbayFormBoundary[0-9a-f]{48}$/);
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    expect(form.get("title")).toBe("Quarterly \"report\"\r\nline 2");
    const file = form.get("file") as File;
    expect(file.name).toBe("chart.png");
    expect(file.type).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });
});
