import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_USER_PASSWORD, DEMO_USER_USERNAME } from "./constants";
import { seedId } from "./ids";
import type { Store } from "./store/store";
import { createRecord, type WriteContext } from "./store/write";

/** Stable IDs of the demo data (the same after every reset). */
export const SEED_IDS = {
  adminLevel: seedId("acslvl:admin"),
  standardLevel: seedId("acslvl:standard"),
  group: seedId("group:marketing"),
  company: seedId("cmpy:patchbay"),
  admin: seedId("user:admin"),
  jane: seedId("user:jane"),
  sam: seedId("user:sam"),
  inactive: seedId("user:ivan"),
  projectForm: seedId("ctgy:project-intake"),
  taskForm: seedId("ctgy:task-details"),
  issueForm: seedId("ctgy:issue-triage"),
  marketing: seedId("port:marketing"),
  itOps: seedId("port:it"),
  brandProgram: seedId("prgm:brand"),
  infraProgram: seedId("prgm:infra"),
  website: seedId("proj:website"),
  campaign: seedId("proj:campaign"),
  dataCenter: seedId("proj:datacenter"),
  legacy: seedId("proj:legacy"),
  designTask: seedId("task:design"),
  buildTask: seedId("task:build"),
  migrationTask: seedId("task:migration"),
  blogTask: seedId("task:blog"),
  launchTask: seedId("task:launch"),
  emailTask: seedId("task:email"),
  inventoryTask: seedId("task:inventory"),
  archiveTask: seedId("task:archive"),
  linkIssue: seedId("optask:link"),
  fontIssue: seedId("optask:font"),
  rackIssue: seedId("optask:rack"),
  guidelinesDoc: seedId("docu:guidelines"),
} as const;

const I = SEED_IDS;

function choices(values: string[]): { value: string; label: string; displayOrder: number }[] {
  return values.map((value, displayOrder) => ({ value, label: value, displayOrder }));
}

/** The people and access levels: always present, so a sandbox without demo data can still log in. */
export function seedPeople(store: Store): void {
  const ctx: WriteContext = { actorID: I.admin, version: 22, silent: true };
  const make = (objCode: string, id: string, input: Record<string, unknown>) => createRecord(store, objCode, input, ctx, id);
  make("ACSLVL", I.adminLevel, { name: "System Administrator", isAdmin: true, description: "Full access" });
  make("ACSLVL", I.standardLevel, { name: "Standard", isAdmin: false, description: "Plan and work" });
  make("GROUP", I.group, { name: "Marketing" });
  make("CMPY", I.company, { name: "Patchbay Demo Co" });
  const person = (id: string, first: string, last: string, email: string, extra: Record<string, unknown>) =>
    make("USER", id, { firstName: first, lastName: last, emailAddr: email, username: email, companyID: I.company, homeGroupID: I.group, ...extra });
  person(I.admin, "Alex", "Admin", DEMO_ADMIN_USERNAME, { password: DEMO_ADMIN_PASSWORD, accessLevelID: I.adminLevel, title: "Workfront Administrator" });
  person(I.jane, "Jane", "Doe", DEMO_USER_USERNAME, { password: DEMO_USER_PASSWORD, accessLevelID: I.standardLevel, title: "Project Manager" });
  person(I.sam, "Sam", "Lee", "sam.lee@patchbay.test", { password: DEMO_USER_PASSWORD, accessLevelID: I.standardLevel, title: "Designer" });
  person(I.inactive, "Ivan", "Inactive", "ivan@patchbay.test", { password: DEMO_USER_PASSWORD, accessLevelID: I.standardLevel, isActive: false });
}

/** Portfolios, programs, projects, tasks, issues, notes, a document and three custom forms. */
export function seedWork(store: Store): void {
  const ctx: WriteContext = { actorID: I.admin, version: 22, silent: true };
  const make = (objCode: string, id: string | undefined, input: Record<string, unknown>) => createRecord(store, objCode, input, ctx, id);
  const param = (key: string, name: string, dataType: string, displayType: string, options: string[] = []) =>
    make("PARAM", seedId(`param:${key}`), { name, dataType, displayType, parameterOptions: choices(options) }).ID;
  const tier = param("tier", "Customer Tier", "TEXT", "DDOWN", ["Gold", "Silver", "Bronze"]);
  const budgetCode = param("budget", "Budget Code", "TEXT", "TEXT");
  const channels = param("channels", "Channels", "TEXT", "MULTI", ["Web", "Email", "Print", "Social"]);
  const launch = param("launch", "Launch Date", "DATE", "DATE");
  const hours = param("hours", "Estimated Hours", "NMBR", "TEXT");
  const review = param("review", "Review Needed", "TEXT", "RADIO", ["Yes", "No"]);
  const deliverables = param("deliverables", "Deliverables", "TEXT", "CHECK", ["Copy", "Design", "Video"]);
  const severity = param("severity", "Severity Level", "TEXT", "DDOWN", ["Low", "Medium", "High", "Critical"]);
  const form = (id: string, name: string, catObjCode: string, params: string[]) =>
    make("CTGY", id, { name, catObjCode, categoryParameters: params.map((parameterID, displayOrder) => ({ parameterID, displayOrder })) });
  form(I.projectForm, "Project Intake", "PROJ", [tier, budgetCode, channels, launch, hours]);
  form(I.taskForm, "Task Details", "TASK", [review, deliverables, channels]);
  form(I.issueForm, "Issue Triage", "OPTASK", [severity, channels]);

  make("PORT", I.marketing, { name: "Marketing 2026", description: "Campaigns and brand work", ownerID: I.jane, groupID: I.group });
  make("PORT", I.itOps, { name: "IT Operations", description: "Keeping the lights on", ownerID: I.admin });
  make("PRGM", I.brandProgram, { name: "Brand Refresh", portfolioID: I.marketing, ownerID: I.jane });
  make("PRGM", I.infraProgram, { name: "Infrastructure", portfolioID: I.itOps, ownerID: I.admin });

  const project = (id: string, input: Record<string, unknown>) => make("PROJ", id, { categoryID: I.projectForm, ...input });
  project(I.website, {
    name: "Website Relaunch",
    status: "CUR",
    percentComplete: 40,
    programID: I.brandProgram,
    ownerID: I.jane,
    plannedStartDate: "2026-03-02T09:00:00:000-0700",
    plannedCompletionDate: "2026-09-30T17:00:00:000-0600",
    budget: 120000,
    "DE:Customer Tier": "Gold",
    "DE:Budget Code": "MKT-2026-01",
    "DE:Channels": ["Web", "Social"],
    "DE:Launch Date": "2026-09-01",
    "DE:Estimated Hours": 640,
  });
  project(I.campaign, {
    name: "Spring Campaign",
    status: "PLN",
    portfolioID: I.marketing,
    ownerID: I.jane,
    plannedStartDate: "2026-02-02T09:00:00:000-0700",
    plannedCompletionDate: "2026-05-29T17:00:00:000-0600",
    "DE:Customer Tier": "Silver",
    "DE:Channels": ["Email"],
  });
  project(I.dataCenter, { name: "Data Center Move", status: "CUR", percentComplete: 20, programID: I.infraProgram, plannedStartDate: "2026-01-12T09:00:00:000-0700" });
  project(I.legacy, { name: "Legacy Cleanup", status: "CPL", percentComplete: 100, portfolioID: I.itOps, plannedStartDate: "2025-10-06T09:00:00:000-0600" });

  const task = (id: string, projectID: string, input: Record<string, unknown>) => make("TASK", id, { projectID, categoryID: I.taskForm, ...input });
  task(I.designTask, I.website, { name: "Design mockups", status: "CPL", assignments: [{ assignedToID: I.sam }], "DE:Deliverables": ["Design"], "DE:Review Needed": "No" });
  task(I.buildTask, I.website, { name: "Build templates", status: "INP", percentComplete: 50, assignments: [{ assignedToID: I.jane }, { assignedToID: I.sam }], "DE:Review Needed": "Yes" });
  task(I.migrationTask, I.website, { name: "Content migration", assignments: [{ assignedToID: I.jane }], "DE:Deliverables": ["Copy", "Design"] });
  task(I.blogTask, I.website, { name: "Migrate blog", parentID: I.migrationTask, description: "Posts from 2019 onwards" });
  task(I.launchTask, I.website, { name: "Launch", priority: 3, "DE:Channels": ["Web"] });
  task(I.emailTask, I.campaign, { name: "Draft email copy", assignments: [{ assignedToID: I.jane }], "DE:Deliverables": ["Copy"] });
  task(I.inventoryTask, I.dataCenter, { name: "Inventory servers", status: "INP", percentComplete: 30, assignments: [{ assignedToID: I.admin }] });
  task(I.archiveTask, I.legacy, { name: "Archive old site", status: "CPL" });

  const issue = (id: string, projectID: string, input: Record<string, unknown>) => make("OPTASK", id, { projectID, categoryID: I.issueForm, ...input });
  issue(I.linkIssue, I.website, { name: "Broken link on homepage", priority: 3, assignedToID: I.sam, "DE:Severity Level": "High" });
  issue(I.fontIssue, I.website, { name: "Font license question", status: "INP", submittedByID: I.jane, "DE:Severity Level": "Low" });
  issue(I.rackIssue, I.dataCenter, { name: "Rack power budget", opTaskType: "REQ" });

  make("NOTE", seedId("note:kickoff"), { noteObjCode: "PROJ", objID: I.website, noteText: "Kickoff done; scope agreed.", ownerID: I.jane });
  make("NOTE", seedId("note:header"), { noteObjCode: "TASK", objID: I.buildTask, noteText: "Header template ready for review.", ownerID: I.sam });

  const handle = seedId("upload:guidelines");
  store.uploads.set(handle, { handle, fileName: "brand-guidelines.txt", contentType: "text/plain", data: Buffer.from("Use the blue logo on light backgrounds.\n"), at: store.now() });
  make("DOCU", I.guidelinesDoc, { name: "Brand guidelines", docObjCode: "PROJ", objID: I.website, handle, currentVersion: { version: "v1.0", fileName: "brand-guidelines.txt" } });
}
