/**
 * Field specs shared by the Workfront modules (JSON only, `as const` so `run` sees typed values).
 * Version 2 files add `apiVersionField`; everything else is the same in both versions.
 */

export const objCodeField = {
  name: "objCode",
  label: "Record type",
  type: "select",
  static: true,
  required: true,
  dynamicOptions: "objectTypes",
  help: "The Workfront object type (PROJ, TASK, OPTASK, …), listed from the connection's /metadata.",
} as const;

export const outputsField = {
  name: "outputs",
  label: "Outputs",
  type: "select",
  static: true,
  multiple: true,
  dynamicOptions: "fields",
  help: "Fields to return besides the defaults (custom fields as DE:<name>). Select only what you need.",
} as const;

export const referencesField = {
  name: "references",
  label: "References",
  type: "select",
  static: true,
  multiple: true,
  dynamicOptions: "references",
  help: "Related objects to include (ID and name of each), e.g. project, owner.",
} as const;

export const collectionsField = {
  name: "collections",
  label: "Collections",
  type: "select",
  static: true,
  multiple: true,
  dynamicOptions: "collections",
  help: "Lists of related objects to include (ID and name of each), e.g. tasks, assignments.",
} as const;

export const idField = { name: "id", label: "ID", type: "text", required: true, help: "The record's 32-character Workfront ID." } as const;

/** Field/value pairs to write; custom fields as `DE:<name>` (Fusion's “Select fields to map”). */
export const fieldValuesField = {
  name: "fields",
  label: "Fields",
  type: "array",
  items: {
    type: "collection",
    fields: [
      { name: "name", label: "Field", type: "select", dynamicOptions: "writableFields", required: true },
      { name: "value", label: "Value", type: "any" },
    ],
  },
  help: "Each field to set and its value. Multi-select custom fields take a list; null or an empty text clears a field.",
} as const;

export const startFromFields = [
  {
    name: "startFrom",
    label: "Choose where to start",
    type: "select",
    static: true,
    default: "now",
    options: [
      { value: "now", label: "From now on" },
      { value: "date", label: "Since a specific date" },
      { value: "all", label: "All existing records" },
    ],
    help: "Where the first run starts; later runs continue from where the previous successful run stopped.",
  },
  { name: "startDate", label: "Start date", type: "date", static: true, help: "With “Since a specific date”: records from this moment on." },
] as const;

export const limitField = {
  name: "limit",
  label: "Limit",
  type: "number",
  integer: true,
  min: 1,
  max: 10000,
  default: 100,
  help: "At most this many bundles per run; the rest come in the next run.",
} as const;

export const SEARCH_MODIFIERS = [
  "eq", "ne", "nee", "cieq", "cine", "lt", "lte", "gt", "gte", "contains", "notcontains", "cicontains", "cinotcontains", "cicontainsany", "cicontainsall",
  "cinotcontainsany", "cinotcontainsall", "like", "cilike", "startswith", "soundex", "between", "cibetween", "notbetween", "cinotbetween", "in", "ciin",
  "notin", "cinotin", "allof", "isnull", "notnull", "isblank", "notblank", "exacttime", "length_lt", "length_eq", "length_gt", "bitwiseor", "bitwiseand",
  "bitwisenand",
] as const;

export const criteriaField = {
  name: "criteria",
  label: "Search criteria",
  type: "array",
  items: {
    type: "collection",
    fields: [
      { name: "field", label: "Field", type: "select", dynamicOptions: "fields", required: true },
      { name: "operator", label: "Operator", type: "select", default: "eq", options: SEARCH_MODIFIERS.map((m) => ({ value: m, label: m })) },
      { name: "value", label: "Value", type: "any", help: "A list for in/notin/allof; wildcards like $$TODAY-7d and $$USER work." },
      { name: "rangeEnd", label: "Range end", type: "any", help: "The upper bound for between and its variants." },
      {
        name: "orGroup",
        label: "OR group",
        type: "number",
        integer: true,
        min: 1,
        help: "Criteria with the same group number must all match; the groups are alternatives to each other and to the ungrouped criteria.",
      },
    ],
  },
} as const;

export const sortField = {
  name: "sort",
  label: "Sort",
  type: "array",
  items: {
    type: "collection",
    fields: [
      { name: "field", label: "Field", type: "select", dynamicOptions: "fields", required: true },
      {
        name: "direction",
        label: "Direction",
        type: "select",
        default: "asc",
        options: [
          { value: "asc", label: "Ascending" },
          { value: "desc", label: "Descending" },
          { value: "ciasc", label: "Ascending, ignoring case" },
          { value: "cidesc", label: "Descending, ignoring case" },
        ],
      },
    ],
  },
} as const;
