import { buildXml, XmlError } from "@/lib/http";
import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";

/** xml:create: a mapped structure → XML text, with parse's conventions (`@_attr`, `#text`, arrays repeat). */
export default defineModule({
  key: "xml:create",
  version: 1,
  kind: "action",
  title: "Create XML",
  description: "Serialises a mapped structure as XML: keys become elements, @_name keys attributes, #text the element's text.",
  fields: [
    { name: "rootName", label: "Root element name", type: "text", default: "root" },
    {
      name: "data",
      label: "Data",
      type: "any",
      required: true,
      help: 'e.g. { "@_id": "{{1.id}}", "item": [{ "@_sku": "a", "#text": "Pen" }] }.',
    },
    { name: "includeDeclaration", label: "Include the XML declaration", type: "boolean", default: true },
    { name: "indent", label: "Indent", type: "boolean", default: false },
    { name: "doctypeSystemId", label: "DOCTYPE system ID", type: "text" },
    { name: "doctypePublicId", label: "DOCTYPE public ID", type: "text" },
  ],
  output: [{ name: "xml", label: "XML", type: "text" }],
  run({ values }) {
    try {
      const xml = buildXml(values.data, {
        rootName: values.rootName,
        declaration: values.includeDeclaration,
        indent: values.indent,
        doctype: { systemId: values.doctypeSystemId, publicId: values.doctypePublicId },
      });
      return [{ xml }];
    } catch (error) {
      if (error instanceof XmlError) throw new DataError(error.message, { cause: error });
      throw error;
    }
  },
});
