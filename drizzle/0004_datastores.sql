CREATE TABLE "data_store_records" (
	"store_id" text NOT NULL,
	"key" text NOT NULL,
	"data" jsonb NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_store_records_store_id_key_pk" PRIMARY KEY("store_id","key")
);
--> statement-breakpoint
CREATE TABLE "data_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"structure_id" text,
	"max_bytes" integer NOT NULL,
	"used_bytes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_structures" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_store_records" ADD CONSTRAINT "data_store_records_store_id_data_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."data_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_stores" ADD CONSTRAINT "data_stores_structure_id_data_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."data_structures"("id") ON DELETE restrict ON UPDATE no action;