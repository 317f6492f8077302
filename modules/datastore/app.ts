import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "datastore", title: "Data store", colour: "#b45309", icon: "/icons/datastore.svg" });
