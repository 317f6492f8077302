import { baseFields, baseReferences, collection, enumField, field, opts, ref, type ObjectDef } from "./schema";

/** Custom forms are Categories (CTGY) holding Parameters (PARAM) through CTGYPA links (reference A6). */
export const CTGY: ObjectDef = {
  objCode: "CTGY",
  name: "Category",
  label: "Custom Form",
  aliases: [],
  adminWrites: true,
  fields: {
    ...baseFields(),
    name: field("Name", "string", { required: true }),
    description: field("Description", "string"),
    catObjCode: enumField("Object Type", "CategoryObjCodeEnum", opts(["PROJ", "TASK", "OPTASK", "PORT", "PRGM", "USER", "DOCU", "CMPY"].map((c) => [c, c] as const)), { required: true }),
    groupID: field("Group ID", "string"),
  },
  references: { ...baseReferences(), group: ref("Group", "GROUP", "groupID") },
  collections: { categoryParameters: collection("Category Parameters", "CTGYPA", "categoryID", "cascade", true) },
  defaultFields: ["ID", "name", "objCode", "catObjCode", "description"],
};

export const CTGYPA: ObjectDef = {
  objCode: "CTGYPA",
  name: "CategoryParameter",
  label: "Category Parameter",
  aliases: [],
  adminWrites: true,
  fields: {
    ...baseFields(),
    categoryID: field("Category ID", "string", { required: true }),
    parameterID: field("Parameter ID", "string", { required: true }),
    displayOrder: field("Display Order", "int", { default: 0 }),
  },
  references: { ...baseReferences(), category: ref("Category", "CTGY", "categoryID"), parameter: ref("Parameter", "PARAM", "parameterID") },
  collections: {},
  defaultFields: ["ID", "objCode", "categoryID", "displayOrder", "parameterID"],
};

/** Display types that hold several values (checkboxes, multi-select). */
export const MULTI_VALUE_DISPLAY_TYPES = new Set(["CHECK", "MULTI"]);
export const CHOICE_DISPLAY_TYPES = new Set(["RADIO", "DDOWN", "CHECK", "MULTI"]);

export const PARAM: ObjectDef = {
  objCode: "PARAM",
  name: "Parameter",
  label: "Custom Field",
  aliases: [],
  adminWrites: true,
  fields: {
    ...baseFields(),
    name: field("Name", "string", { required: true }),
    description: field("Description", "string"),
    dataType: enumField("Data Type", "ParameterDataTypeEnum", opts([["TEXT", "Text"], ["NMBR", "Number"], ["DATE", "Date"], ["CURR", "Currency"]]), { required: true }),
    displayType: enumField(
      "Display Type",
      "ParameterDisplayTypeEnum",
      opts([["TEXT", "Text Field"], ["TXTA", "Paragraph Text"], ["RADIO", "Radio Buttons"], ["DDOWN", "Drop-Down"], ["CHECK", "Checkboxes"], ["MULTI", "Multi-Select"], ["DATE", "Date Field"]]),
      { required: true },
    ),
    isRequired: field("Is Required", "boolean", { default: false }),
  },
  references: baseReferences(),
  collections: {
    parameterOptions: collection("Parameter Options", "POPT", "parameterID", "cascade", true),
    categoryParameters: collection("Category Parameters", "CTGYPA", "parameterID", "cascade"),
  },
  defaultFields: ["ID", "name", "objCode", "dataType", "description", "displayType"],
};

export const POPT: ObjectDef = {
  objCode: "POPT",
  name: "ParameterOption",
  label: "Parameter Option",
  aliases: [],
  adminWrites: true,
  fields: {
    ...baseFields(),
    parameterID: field("Parameter ID", "string", { required: true }),
    label: field("Label", "string"),
    value: field("Value", "string", { required: true }),
    displayOrder: field("Display Order", "int", { default: 0 }),
    isDefault: field("Is Default", "boolean", { default: false }),
    isHidden: field("Is Hidden", "boolean", { default: false }),
  },
  references: { ...baseReferences(), parameter: ref("Parameter", "PARAM", "parameterID") },
  collections: {},
  defaultFields: ["ID", "objCode", "displayOrder", "label", "value"],
};
