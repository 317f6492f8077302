CREATE TABLE "upgrade_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reverted_at" timestamp with time zone,
	"reverted_by" text,
	"revert_report" jsonb
);
--> statement-breakpoint
ALTER TABLE "scenario_revisions" ADD COLUMN "meta" jsonb;--> statement-breakpoint
ALTER TABLE "upgrade_runs" ADD CONSTRAINT "upgrade_runs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_runs" ADD CONSTRAINT "upgrade_runs_reverted_by_users_id_fk" FOREIGN KEY ("reverted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upgrade_runs_created" ON "upgrade_runs" USING btree ("created_at");