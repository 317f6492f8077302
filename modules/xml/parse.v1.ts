import { parseXml, XmlError } from "@/lib/http";
import { defineModule } from "@/lib/modules/define";
import { inferOutputSpec } from "@/lib/modules/describe";
import { DataError } from "@/lib/modules/errors";

/**
 * xml:parse: XML text → data. The root element is the bundle's one key; attributes are `@_name`, an
 * element's text beside attributes or children is `#text`, repeated elements are arrays. Entities a
 * DOCTYPE declares are never expanded and nothing external is fetched (lib/http/xml.ts).
 */
export default defineModule({
  key: "xml:parse",
  version: 1,
  kind: "action",
  title: "Parse XML",
  description: "Turns XML text into data: attributes as @_name, element text beside them as #text, repeated elements as arrays.",
  fields: [
    {
      name: "sample",
      label: "Sample XML",
      type: "text",
      multiline: true,
      static: true,
      help: "Optional: a sample document, so later modules can map its fields before a first run.",
    },
    { name: "xml", label: "XML", type: "text", multiline: true, required: true },
    { name: "numbersAsText", label: "Preserve numbers as text", type: "boolean", default: false },
    {
      name: "alwaysArray",
      label: "Elements that are always arrays",
      type: "array",
      items: { type: "text" },
      help: "Element names that should be an array even when they occur once (e.g. item).",
    },
  ],
  output: (params) => {
    if (params.sample === undefined) return null;
    try {
      return inferOutputSpec(parseXml(params.sample));
    } catch {
      return null;
    }
  },
  run({ values }) {
    try {
      const alwaysArray = (values.alwaysArray ?? []).filter((name): name is string => typeof name === "string" && name !== "");
      return [parseXml(values.xml, { numbersAsText: values.numbersAsText, alwaysArray })];
    } catch (error) {
      if (error instanceof XmlError) throw new DataError(error.message, { cause: error });
      throw error;
    }
  },
});
