import { describe, expect, it } from "vitest";
import { renderWsdl } from "@/modules/proof/sandbox/wsdl";
import { SURFACE_12_1, SURFACE_16_24_0 } from "@/modules/proof/sandbox/versions";
import { labelFor, fieldsForOperation, outputSpecForOperation } from "./module-spec";
import { ENCODED_WSDL } from "./test-fixtures";
import { readWsdl } from "./wsdl-reader";

const v12 = readWsdl(renderWsdl(SURFACE_12_1, "http://x/soap"));
const v16 = readWsdl(renderWsdl(SURFACE_16_24_0, "http://x/16_24_0/soap"));
const shop = readWsdl(ENCODED_WSDL);

describe("fieldsForOperation", () => {
  it("makes one field per part, typed, leaving out the parts the module fills itself", () => {
    const fields = fieldsForOperation(v12, "addProofReviewer", { exclude: ["SessionID"], required: ["FileID", "RecipientEmail", "RecipientRole"] });
    expect(fields.map((f) => f.name)).toEqual([
      "FileID", "RecipientEmail", "RecipientName", "RecipientPosition", "RecipientDeadline", "RecipientRole",
      "RecipientEmailNotifications", "SuppressNewProofNotification", "PrimaryDecisionMaker",
    ]);
    expect(fields.find((f) => f.name === "RecipientRole")).toEqual({ name: "RecipientRole", label: "Recipient role", type: "number", integer: true, required: true });
    expect(fields.find((f) => f.name === "SuppressNewProofNotification")).toMatchObject({ type: "boolean" });
    expect(fields.find((f) => f.name === "RecipientName")).toEqual({ name: "RecipientName", label: "Recipient name", type: "text" });
  });

  it("turns list types into arrays of collections, with schema-required members required", () => {
    const [recipients] = fieldsForOperation(v16, "addProofReviewers", { exclude: ["SessionID", "FileID", "SuppressNewProofNotification"] });
    expect(recipients).toMatchObject({ name: "Recipients", type: "array", items: { type: "collection" } });
    const items = recipients.type === "array" && recipients.items.type === "collection" ? recipients.items.fields : [];
    expect(items.find((f) => f.name === "email")).toMatchObject({ type: "text", required: true });
    expect(items.find((f) => f.name === "role")).toMatchObject({ type: "number", integer: true });
    expect(items.find((f) => f.name === "role")).not.toHaveProperty("required");
  });

  it("nests collections, selects for enumerations, arrays for repeated members, and stops recursion at any", () => {
    const [, items, gift] = fieldsForOperation(shop, "addItems");
    expect(items).toMatchObject({ type: "array", items: { type: "collection" } });
    expect(gift.type).toBe("collection");
    const giftFields = gift.type === "collection" ? gift.fields : [];
    expect(giftFields.find((f) => f.name === "colour")).toEqual({ name: "colour", label: "Colour", type: "select", options: [{ value: "red", label: "red" }, { value: "green", label: "green" }] });
    expect(giftFields.find((f) => f.name === "tags")).toEqual({ name: "tags", label: "Tags", type: "array", items: { type: "text" } });
    expect(giftFields.find((f) => f.name === "price")).toMatchObject({ type: "number" });
    expect(giftFields.find((f) => f.name === "price")).not.toHaveProperty("integer");
  });

  it("gives JSON-serialisable specs", () => {
    const fields = fieldsForOperation(v16, "createWorkflowProof");
    expect(JSON.parse(JSON.stringify(fields))).toEqual(fields);
  });
});

describe("outputSpecForOperation", () => {
  it("describes a struct result as its fields, nested types included", () => {
    const spec = outputSpecForOperation(v16, "getProofDetails") ?? [];
    expect(spec.find((f) => f.name === "file_id")).toEqual({ name: "file_id", label: "File ID", type: "number" });
    expect(spec.find((f) => f.name === "settings")).toMatchObject({ type: "collection", spec: expect.arrayContaining([{ name: "auto_lock", label: "Auto lock", type: "boolean" }]) });
    expect(spec.find((f) => f.name === "stages")).toMatchObject({ type: "array", spec: expect.arrayContaining([{ name: "stage_id", label: "Stage ID", type: "number" }]) });
  });

  it("follows the version: the 12.1 spec has no owner_email", () => {
    expect((outputSpecForOperation(v12, "getProofDetails") ?? []).map((f) => f.name)).not.toContain("owner_email");
    expect((outputSpecForOperation(v16, "getProofDetails") ?? []).map((f) => f.name)).toContain("owner_email");
  });

  it("describes a list result by its items (one bundle each) and a plain result as `value`", () => {
    expect(outputSpecForOperation(v12, "getProofReviewers")).toEqual(expect.arrayContaining([{ name: "proof_url", label: "Proof URL", type: "text" }]));
    expect(outputSpecForOperation(v12, "lockProof")).toEqual([{ name: "value", label: "Value", type: "boolean" }]);
    expect(outputSpecForOperation(v12, "getProofURL")).toEqual([{ name: "value", label: "Value", type: "text" }]);
  });

  it("describes several output parts as one field each, and a self-containing type without looping", () => {
    expect(outputSpecForOperation(shop, "stats")).toEqual([
      { name: "count", label: "Count", type: "number" },
      { name: "ok", label: "Ok", type: "boolean" },
    ]);
    expect(outputSpecForOperation(shop, "getCategory")).toEqual([
      { name: "name", label: "Name", type: "text" },
      { name: "parent", label: "Parent", type: "any" },
    ]);
  });
});

describe("labelFor", () => {
  it.each([
    ["SessionID", "Session ID"],
    ["ItemsPerPage", "Items per page"],
    ["file_id", "File ID"],
    ["EnableTeamURL", "Enable team URL"],
    ["proof_url", "Proof URL"],
  ])("%s → %s", (name, label) => {
    expect(labelFor(name)).toBe(label);
  });
});
