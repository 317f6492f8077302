import { baseFields, baseReferences, field, ref, type ObjectDef } from "./schema";

export const USER: ObjectDef = {
  objCode: "USER",
  name: "User",
  label: "User",
  aliases: [],
  adminWrites: true,
  custom: true,
  fields: {
    ...baseFields(),
    // Workfront derives the display name from first and last name.
    name: field("Name", "string", { system: true }),
    firstName: field("First Name", "string", { required: true }),
    lastName: field("Last Name", "string", { required: true }),
    emailAddr: field("Email Address", "string", { required: true }),
    username: field("Username", "string"),
    title: field("Title", "string", { tracked: true }),
    isActive: field("Is Active", "boolean", { default: true, tracked: true }),
    accessLevelID: field("Access Level ID", "string"),
    companyID: field("Company ID", "string"),
    homeGroupID: field("Home Group ID", "string"),
    homeTeamID: field("Home Team ID", "string"),
    managerID: field("Manager ID", "string"),
    roleID: field("Role ID", "string"),
    categoryID: field("Category ID", "string"),
    phoneNumber: field("Phone Number", "string"),
    timeZone: field("Time Zone", "string"),
    lastLoginDate: field("Last Login Date", "dateTime", { system: true }),
    password: field("Password", "string", { writeOnly: true }),
  },
  references: {
    ...baseReferences(),
    accessLevel: ref("Access Level", "ACSLVL", "accessLevelID"),
    company: ref("Company", "CMPY", "companyID"),
    homeGroup: ref("Home Group", "GROUP", "homeGroupID"),
    manager: ref("Manager", "USER", "managerID"),
    category: ref("Category", "CTGY", "categoryID"),
  },
  collections: {},
  defaultFields: ["ID", "name", "objCode", "emailAddr", "isActive", "title", "username"],
  eventFields: ["ID", "name", "objCode", "emailAddr", "title", "isActive", "accessLevelID", "companyID", "homeGroupID", "homeTeamID", "managerID", "roleID", "lastLoginDate", "parameterValues"],
};

export const ACSLVL: ObjectDef = {
  objCode: "ACSLVL",
  name: "AccessLevel",
  label: "Access Level",
  aliases: [],
  adminWrites: true,
  fields: {
    ...baseFields(),
    name: field("Name", "string", { required: true }),
    description: field("Description", "string"),
    isAdmin: field("Is Admin", "boolean", { default: false }),
  },
  references: baseReferences(),
  collections: {},
  defaultFields: ["ID", "name", "objCode", "description", "isAdmin"],
};

export const GROUP: ObjectDef = {
  objCode: "GROUP",
  name: "Group",
  label: "Group",
  aliases: [],
  adminWrites: true,
  fields: { ...baseFields(), name: field("Name", "string", { required: true }), description: field("Description", "string") },
  references: baseReferences(),
  collections: {},
  defaultFields: ["ID", "name", "objCode", "description"],
};

export const CMPY: ObjectDef = {
  objCode: "CMPY",
  name: "Company",
  label: "Company",
  aliases: [],
  adminWrites: true,
  custom: true,
  fields: { ...baseFields(), name: field("Name", "string", { required: true }) },
  references: baseReferences(),
  collections: {},
  defaultFields: ["ID", "name", "objCode"],
};
