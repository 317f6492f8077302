import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineModule } from "./define";
import { FieldValidationError } from "./errors";
import { checkForSave, validateForRun } from "./validators";

const noop = () => [];

const contact = defineModule({
  key: "test:contact",
  version: 1,
  kind: "action",
  title: "Create contact",
  description: "",
  fields: [
    { name: "objCode", label: "Object type", type: "select", static: true, required: true, options: [{ value: "TASK", label: "Task" }, { value: "PROJ", label: "Project" }] },
    { name: "pageSize", label: "Page size", type: "number", static: true, min: 1, max: 100, default: 20 },
    { name: "name", label: "Name", type: "text", required: true },
    { name: "age", label: "Age", type: "number", integer: true, min: 0 },
    { name: "active", label: "Active", type: "boolean", default: true },
    { name: "due", label: "Due date", type: "date" },
    { name: "priority", label: "Priority", type: "select", options: [{ value: "1", label: "Low" }, { value: "2", label: "High" }] },
    {
      name: "recipients",
      label: "Recipients",
      type: "array",
      items: { type: "collection", fields: [{ name: "email", label: "Email", type: "text", required: true }, { name: "weight", label: "Weight", type: "number" }] },
    },
    { name: "address", label: "Address", type: "collection", fields: [{ name: "zip", label: "ZIP", type: "number" }] },
    { name: "tags", label: "Tags", type: "array", items: { type: "text" } },
  ],
  output: null,
  run: noop,
});

const declared = new Set(["__proto__", "zip", ...contact.fields.map((f) => f.name)]);

describe("save-time validation", () => {
  it("accepts a {{…}} template in any mappable field, whatever its type", () => {
    const issues = checkForSave(contact, {
      params: { objCode: "TASK" },
      mapper: {
        name: "{{1.name}}",
        age: "{{1.age}}",
        active: "{{1.isActive}}",
        due: "{{addDays(now; 2)}}",
        priority: "{{1.prio}}",
        recipients: "{{1.people}}",
        address: { zip: "{{1.zip}}" },
        tags: ["static", "{{1.tag}}"],
      },
    });
    expect(issues).toEqual([]);
  });

  it("rejects literals of the wrong type and names the field", () => {
    const issues = checkForSave(contact, {
      params: { objCode: "USER", pageSize: "lots" },
      mapper: { age: "old", active: "maybe", recipients: [{ email: "a@b.c", weight: "heavy" }], address: "Main St" },
    });
    expect(issues.map((i) => `${i.section}.${i.path}`)).toEqual([
      "params.objCode",
      "params.pageSize",
      "mapper.age",
      "mapper.active",
      "mapper.recipients[1].weight",
      "mapper.address",
    ]);
    expect(issues[0].message).toBe('Field “Object type” (objCode) must be one of “TASK”, “PROJ”, got “USER”.');
    expect(issues[4].message).toContain("Field “Weight” (recipients[1].weight) expects a number");
  });

  it("does not accept templates in static params, which shape the module and are never mapped", () => {
    const issues = checkForSave(contact, { params: { objCode: "{{1.type}}" }, mapper: {} });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("objCode");
  });

  it("lets an unfinished module be saved: required fields may still be empty", () => {
    expect(checkForSave(contact, { params: {}, mapper: { name: "" } })).toEqual([]);
  });

  it("keeps unknown keys, at the top and nested (a newer editor's fields survive an older server)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => !declared.has(k)), fc.jsonValue()), (extra) => {
        const mapper = { ...extra, name: "x", address: { zip: 1, ...extra } };
        expect(checkForSave(contact, { params: { objCode: "TASK" }, mapper })).toEqual([]);
      }),
    );
  });
});

describe("run-time validation", () => {
  it("coerces values as Fusion does", () => {
    const values = validateForRun(contact, "mapper", {
      name: 42,
      age: " 42 ",
      active: "false",
      due: "2026-03-01",
      priority: 2,
      recipients: [{ email: "a@b.c", weight: "1.5" }],
      address: { zip: "75001" },
      tags: [1, true],
    });
    expect(values).toEqual({
      name: "42",
      age: 42,
      active: false,
      due: "2026-03-01T00:00:00.000Z",
      priority: "2",
      recipients: [{ email: "a@b.c", weight: 1.5 }],
      address: { zip: 75001 },
      tags: ["1", "true"],
    });
  });

  it("fills defaults for missing, null and empty values, and drops empty optional ones", () => {
    expect(validateForRun(contact, "mapper", { name: "n", active: "", age: null, due: undefined })).toEqual({ name: "n", active: true });
    expect(validateForRun(contact, "params", { objCode: "PROJ" })).toEqual({ objCode: "PROJ", pageSize: 20 });
  });

  it("names the missing required field, nested ones by their 1-based position", () => {
    expect(() => validateForRun(contact, "mapper", { name: "" })).toThrow('Field “Name” (name) is required.');
    try {
      validateForRun(contact, "mapper", { name: "n", recipients: [{ email: "a@b.c" }, { weight: 2 }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FieldValidationError);
      expect((error as FieldValidationError).issues).toEqual([
        { path: "recipients[2].email", message: "Field “Email” (recipients[2].email) is required." },
      ]);
      expect((error as FieldValidationError).type).toBe("DataError");
    }
  });

  it("refuses values that cannot be coerced, saying what was expected", () => {
    expect(() => validateForRun(contact, "mapper", { name: "n", age: "forty" })).toThrow("Field “Age” (age) expects a number, got “forty”.");
    expect(() => validateForRun(contact, "mapper", { name: "n", age: 4.5 })).toThrow("expects a whole number");
    expect(() => validateForRun(contact, "mapper", { name: "n", age: -1 })).toThrow("must be at least 0");
    expect(() => validateForRun(contact, "mapper", { name: "n", due: "someday" })).toThrow("Field “Due date” (due) expects a date");
    expect(() => validateForRun(contact, "mapper", { name: { first: "A" } })).toThrow("expects text, got a collection");
    expect(() => validateForRun(contact, "mapper", { name: "n", tags: "a,b" })).toThrow("Field “Tags” (tags) expects an array");
  });

  it("keeps unknown keys at run time too", () => {
    expect(validateForRun(contact, "mapper", { name: "n", custom: { a: 1 } })).toEqual({ name: "n", active: true, custom: { a: 1 } });
  });

  it("coerces any numeric text to the number it spells", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e12 }), (n) => {
        const age = Math.round(n);
        expect(validateForRun(contact, "mapper", { name: "n", age: String(age) }).age).toBe(age);
      }),
    );
  });
});
