import { describe, expect, it } from "vitest";
import { collectReferences, parseTemplate, rewriteReferences, type Reference } from "./index";

const identity = (ref: Reference) => ref;

describe("collectReferences", () => {
  it("finds references deep in a mapper, nested ones included, with their field paths", () => {
    const mapper = {
      name: "{{1.name}} – {{lower(3.owner.`Email Address`)}}",
      body: { items: ["static", "{{2.items[2].id}}", { deep: "{{get(1.data; 4.key)}}" }] },
      broken: "{{1.a +",
      number: 5,
    };
    const refs = collectReferences(mapper);
    expect(refs.map((r) => [r.fieldPath, r.moduleId, r.path])).toEqual([
      ["name", 1, ["name"]],
      ["name", 3, ["owner", "Email Address"]],
      ["body.items[1]", 2, ["items", 2, "id"]],
      ["body.items[2].deep", 1, ["data"]],
      ["body.items[2].deep", 4, ["key"]],
    ]);
  });

  it("gives offsets that cover exactly the reference text", () => {
    const source = "Hi {{ lower(1.newState.`DE:My Field`) }}!";
    const [ref] = collectReferences(source);
    expect(ref.fieldPath).toBe("");
    expect(source.slice(ref.start, ref.end)).toBe("1.newState.`DE:My Field`");
  });

  it("stops the static path at a computed index, and still finds the reference inside it", () => {
    const source = "{{1.items[2.position].id}}";
    const refs = collectReferences(source);
    expect(refs.map((r) => [r.moduleId, r.path, source.slice(r.start, r.end)])).toEqual([
      [1, ["items"], "1.items"],
      [2, ["position"], "2.position"],
    ]);
  });

  it("keeps text indexes as keys in the path", () => {
    expect(collectReferences('{{1.data["DE:x"][1]}}')[0].path).toEqual(["data", "DE:x", 1]);
  });
});

describe("rewriteReferences", () => {
  it("returns every string unchanged for the identity", () => {
    const mapper = {
      a: "  {{ lower( 1.data.`DE:x` ) }}  text {{3.a[2].b}}",
      b: ["{{1.x}}{{1.y}}", 5, null, { c: "no expressions }}" }],
      broken: "{{ 1.a + }}",
    };
    expect(rewriteReferences(mapper, identity)).toEqual(mapper);
  });

  it("renames a field and re-points a module, keeping every other byte", () => {
    const mapper = {
      a: ["x {{ lower( 1.data.`DE:x` ) }} y {{3.a[2].b}}   {{ if(1.data = \"\"; 3.b; \"z\") }}"],
    };
    const result = rewriteReferences(mapper, (ref) => {
      if (ref.moduleId === 1 && ref.path[0] === "data") return { ...ref, path: ["body", ...ref.path.slice(1)] };
      if (ref.moduleId === 3) return { ...ref, moduleId: 7 };
      return ref;
    });
    expect(result).toEqual({
      a: ["x {{ lower( 1.body.`DE:x` ) }} y {{7.a[2].b}}   {{ if(1.body = \"\"; 7.b; \"z\") }}"],
    });
  });

  it("rewrites references nested in indexes and function arguments independently", () => {
    const source = "{{get(1.items[2.position].id; 2.key)}}";
    const result = rewriteReferences(source, (ref) => (ref.moduleId === 2 ? { ...ref, moduleId: 20 } : { ...ref, moduleId: 10 }));
    expect(result).toBe("{{get(10.items[20.position].id; 20.key)}}");
  });

  it("writes new keys in backticks when they need them, so the result parses back", () => {
    const result = rewriteReferences("{{1.old}}", (ref) => ({ ...ref, path: ["New Name", "DE:Color", 3, "a`b"] })) as string;
    expect(result).toBe("{{1.`New Name`.DE:Color[3].`a\\`b`}}");
    expect(collectReferences(result)[0].path).toEqual(["New Name", "DE:Color", 3, "a`b"]);
    expect(parseTemplate(result).whole).toBe(true);
  });

  it("keeps the original spelling of segments that did not change", () => {
    const result = rewriteReferences("{{1.`a`.b[2]}}", (ref) => ({ ...ref, path: ["a", "c", 2] }));
    expect(result).toBe("{{1.`a`.c[2]}}");
  });

  it("gives each reference its field path", () => {
    const seen: string[] = [];
    rewriteReferences({ x: { y: ["{{1.a}}"] } }, (ref) => {
      seen.push(ref.fieldPath);
      return ref;
    });
    expect(seen).toEqual(["x.y[0]"]);
  });

  it("returns new containers and leaves the input alone", () => {
    const mapper = { a: { b: "{{1.x}}" } };
    const result = rewriteReferences(mapper, (ref) => ({ ...ref, moduleId: 2 })) as typeof mapper;
    expect(result).toEqual({ a: { b: "{{2.x}}" } });
    expect(mapper.a.b).toBe("{{1.x}}");
    expect(result.a).not.toBe(mapper.a);
  });

  it("refuses references that the syntax cannot express", () => {
    expect(() => rewriteReferences("{{1.a}}", (ref) => ({ ...ref, path: [] }))).toThrow(RangeError);
    expect(() => rewriteReferences("{{1.a}}", (ref) => ({ ...ref, path: [1] }))).toThrow(RangeError);
    expect(() => rewriteReferences("{{1.a}}", (ref) => ({ ...ref, moduleId: -1 }))).toThrow(RangeError);
  });
});
