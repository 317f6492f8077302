import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "soap", title: "SOAP", colour: "#7c3aed", icon: "/icons/soap.svg" });
