CREATE TYPE "public"."action_status" AS ENUM('planned', 'in_progress', 'done');--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "public_id" text DEFAULT translate(encode(substring(uuid_send(gen_random_uuid()) from 1 for 6) || substring(uuid_send(gen_random_uuid()) from 11 for 6), 'base64'), '+/', '-_') NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_public_id_unique" UNIQUE("public_id");--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"public_description" text NOT NULL,
	"owner_user_id" uuid,
	"due_date" date,
	"status" "action_status" DEFAULT 'planned' NOT NULL,
	"done_date" date,
	"source" jsonb NOT NULL,
	"linked_reports" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_units" (
	"action_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "action_units_action_id_unit_id_pk" PRIMARY KEY("action_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "action_responses" (
	"action_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	CONSTRAINT "action_responses_action_id_response_id_pk" PRIMARY KEY("action_id","response_id")
);
--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_units" ADD CONSTRAINT "action_units_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_units" ADD CONSTRAINT "action_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_responses" ADD CONSTRAINT "action_responses_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_responses" ADD CONSTRAINT "action_responses_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_organisation_idx" ON "actions" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "action_units_unit_idx" ON "action_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "action_responses_response_idx" ON "action_responses" USING btree ("response_id");
