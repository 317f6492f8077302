import { defineModule } from "@/lib/modules/define";

export default defineModule({
  key: "flow:setVariable",
  version: 1,
  kind: "action",
  title: "Set variable",
  description: "Sets a variable for the rest of this run; Get variable (or the mapping panel) reads it later.",
  fields: [
    { name: "name", label: "Variable name", type: "text", static: true, required: true },
    { name: "value", label: "Value", type: "any" },
  ],
  output: (params) => [{ name: params.name, label: params.name, type: "any" }],
  run({ params, values, variables }) {
    const value = values.value ?? null;
    variables.set(params.name, value);
    return [{ [params.name]: value }];
  },
});
