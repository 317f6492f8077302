import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "proof", title: "Workfront Proof", colour: "#0d9488", icon: "/icons/proof.svg" });
