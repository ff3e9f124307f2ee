CREATE TYPE "public"."alert_status" AS ENUM('open', 'acknowledged', 'resolved');--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"unit_id" uuid,
	"survey_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"link_id" text NOT NULL,
	"reasons" text[] NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "comment_analyses" (
	"response_id" uuid NOT NULL,
	"link_id" text NOT NULL,
	"redacted_text" text NOT NULL,
	"redactions" text[] NOT NULL,
	"sentiment" text NOT NULL,
	"sentiment_score" numeric(4, 3) NOT NULL,
	"themes" jsonb NOT NULL,
	"friction_themes" jsonb NOT NULL,
	"urgent" boolean NOT NULL,
	"urgency_reasons" text[] NOT NULL,
	CONSTRAINT "comment_analyses_response_id_link_id_pk" PRIMARY KEY("response_id","link_id")
);
--> statement-breakpoint
CREATE TABLE "response_analyses" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"model_version" text NOT NULL,
	"taxonomy_version" integer,
	"analysed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_choices" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"link_id" text NOT NULL,
	"code" text NOT NULL,
	"answers" integer NOT NULL,
	CONSTRAINT "rollup_choices_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","link_id","code")
);
--> statement-breakpoint
CREATE TABLE "rollup_rating_values" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"link_id" text NOT NULL,
	"value" integer NOT NULL,
	"answers" integer NOT NULL,
	CONSTRAINT "rollup_rating_values_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","link_id","value")
);
--> statement-breakpoint
CREATE TABLE "rollup_ratings" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"link_id" text NOT NULL,
	"answers" integer NOT NULL,
	"sum" bigint NOT NULL,
	"sum_squares" bigint NOT NULL,
	"promoters" integer NOT NULL,
	"passives" integer NOT NULL,
	"detractors" integer NOT NULL,
	CONSTRAINT "rollup_ratings_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","link_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_responses" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"responses" integer NOT NULL,
	"comments" integer NOT NULL,
	"urgent_comments" integer NOT NULL,
	CONSTRAINT "rollup_responses_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_sentiment" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"link_id" text NOT NULL,
	"sentiment" text NOT NULL,
	"comments" integer NOT NULL,
	"score_sum" numeric(14, 3) NOT NULL,
	CONSTRAINT "rollup_sentiment_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","link_id","sentiment")
);
--> statement-breakpoint
CREATE TABLE "rollup_themes" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"link_id" text NOT NULL,
	"taxonomy" text NOT NULL,
	"theme" text NOT NULL,
	"sentiment" text NOT NULL,
	"comments" integer NOT NULL,
	CONSTRAINT "rollup_themes_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","link_id","taxonomy","theme","sentiment")
);
--> statement-breakpoint
CREATE TABLE "taxonomies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "kiosk_idle_seconds" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "timezone" text DEFAULT 'Europe/London' NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "contact_user_id" uuid;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "you_said_we_did_url" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD CONSTRAINT "comment_analyses_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_analyses" ADD CONSTRAINT "response_analyses_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_choices" ADD CONSTRAINT "rollup_choices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_choices" ADD CONSTRAINT "rollup_choices_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_choices" ADD CONSTRAINT "rollup_choices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_rating_values" ADD CONSTRAINT "rollup_rating_values_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_rating_values" ADD CONSTRAINT "rollup_rating_values_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_rating_values" ADD CONSTRAINT "rollup_rating_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_ratings" ADD CONSTRAINT "rollup_ratings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_ratings" ADD CONSTRAINT "rollup_ratings_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_ratings" ADD CONSTRAINT "rollup_ratings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD CONSTRAINT "rollup_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD CONSTRAINT "rollup_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD CONSTRAINT "rollup_responses_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_sentiment" ADD CONSTRAINT "rollup_sentiment_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_sentiment" ADD CONSTRAINT "rollup_sentiment_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_sentiment" ADD CONSTRAINT "rollup_sentiment_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_themes" ADD CONSTRAINT "rollup_themes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_themes" ADD CONSTRAINT "rollup_themes_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_themes" ADD CONSTRAINT "rollup_themes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomies" ADD CONSTRAINT "taxonomies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomies" ADD CONSTRAINT "taxonomies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_comment_key" ON "alerts" USING btree ("response_id","link_id");--> statement-breakpoint
CREATE INDEX "alerts_unit_status_idx" ON "alerts" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "rollup_choices_org_day_idx" ON "rollup_choices" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "rollup_rating_values_org_day_idx" ON "rollup_rating_values" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "rollup_ratings_org_day_idx" ON "rollup_ratings" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "rollup_responses_org_day_idx" ON "rollup_responses" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "rollup_sentiment_org_day_idx" ON "rollup_sentiment" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "rollup_themes_org_day_idx" ON "rollup_themes" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "taxonomies_org_key_version_key" ON "taxonomies" USING btree ("organisation_id","key","version");--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;