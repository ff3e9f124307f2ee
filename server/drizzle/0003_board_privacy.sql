CREATE TABLE "rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_theme_respondents" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"span" text NOT NULL,
	"taxonomy" text NOT NULL,
	"theme" text NOT NULL,
	"respondents" integer NOT NULL,
	CONSTRAINT "rollup_theme_respondents_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","span","taxonomy","theme")
);
--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "positive_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "neutral_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "negative_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "positive_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "neutral_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "negative_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_theme_respondents_org_span_day_idx" ON "rollup_theme_respondents" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "links_single_use_unit_idx" ON "links" USING btree ("unit_id","created_at") WHERE kind = 'single_use';--> statement-breakpoint
CREATE INDEX "responses_change_submitted_idx" ON "responses" USING btree ("change_id","submitted_at");--> statement-breakpoint
CREATE INDEX "responses_submitted_idx" ON "responses" USING btree ("submitted_at");