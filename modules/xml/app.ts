import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "xml", title: "XML", colour: "#b45309", icon: "/icons/xml.svg" });
