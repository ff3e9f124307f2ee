CREATE TYPE "public"."import_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."alert_kind" AS ENUM('comment', 'spc');--> statement-breakpoint
CREATE TABLE "response_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"survey_version_id" uuid NOT NULL,
	"format" text NOT NULL,
	"status" "import_status" DEFAULT 'running' NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spc_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"rule" text NOT NULL,
	"direction" text NOT NULL,
	"run_start" date NOT NULL,
	"week" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "link_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "survey_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "response_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "link_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "history_years" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "impact_min_effect" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "kind" "alert_kind" DEFAULT 'comment' NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "spc_signal_id" uuid;--> statement-breakpoint
ALTER TABLE "response_imports" ADD CONSTRAINT "response_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_imports" ADD CONSTRAINT "response_imports_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_imports" ADD CONSTRAINT "response_imports_survey_version_id_survey_versions_id_fk" FOREIGN KEY ("survey_version_id") REFERENCES "public"."survey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_imports" ADD CONSTRAINT "response_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spc_signals" ADD CONSTRAINT "spc_signals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spc_signals" ADD CONSTRAINT "spc_signals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_imports_survey_idx" ON "response_imports" USING btree ("survey_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "spc_signals_run_key" ON "spc_signals" USING btree ("unit_id","metric","rule","direction","run_start");--> statement-breakpoint
CREATE INDEX "spc_signals_unit_week_idx" ON "spc_signals" USING btree ("unit_id","week");--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_import_id_response_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."response_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_spc_signal_id_spc_signals_id_fk" FOREIGN KEY ("spc_signal_id") REFERENCES "public"."spc_signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "responses_survey_external_key" ON "responses" USING btree ("survey_id","external_id");--> statement-breakpoint
CREATE INDEX "responses_import_idx" ON "responses" USING btree ("import_id") WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_spc_signal_key" ON "alerts" USING btree ("spc_signal_id");