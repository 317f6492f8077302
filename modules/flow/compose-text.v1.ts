import { defineModule } from "@/lib/modules/define";

export default defineModule({
  key: "flow:composeText",
  version: 1,
  kind: "action",
  title: "Compose a string",
  description: "Builds one text from static text and mapped values.",
  fields: [{ name: "text", label: "Text", type: "text", multiline: true }],
  output: [{ name: "text", label: "Text", type: "text" }],
  run({ values }) {
    return [{ text: values.text ?? "" }];
  },
});
