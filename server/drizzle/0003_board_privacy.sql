CREATE TABLE "rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_theme_respondents" (
	"span" text DEFAULT 'day' NOT NULL,
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"taxonomy" text NOT NULL,
	"theme" text NOT NULL,
	"respondents" integer NOT NULL,
	CONSTRAINT "rollup_theme_respondents_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","taxonomy","theme")
);
--> statement-breakpoint
ALTER TABLE "rollup_choices" DROP CONSTRAINT "rollup_choices_key";--> statement-breakpoint
ALTER TABLE "rollup_rating_values" DROP CONSTRAINT "rollup_rating_values_key";--> statement-breakpoint
ALTER TABLE "rollup_ratings" DROP CONSTRAINT "rollup_ratings_key";--> statement-breakpoint
ALTER TABLE "rollup_responses" DROP CONSTRAINT "rollup_responses_key";--> statement-breakpoint
ALTER TABLE "rollup_sentiment" DROP CONSTRAINT "rollup_sentiment_key";--> statement-breakpoint
ALTER TABLE "rollup_themes" DROP CONSTRAINT "rollup_themes_key";--> statement-breakpoint
DROP INDEX "rollup_choices_org_day_idx";--> statement-breakpoint
DROP INDEX "rollup_rating_values_org_day_idx";--> statement-breakpoint
DROP INDEX "rollup_ratings_org_day_idx";--> statement-breakpoint
DROP INDEX "rollup_responses_org_day_idx";--> statement-breakpoint
DROP INDEX "rollup_sentiment_org_day_idx";--> statement-breakpoint
DROP INDEX "rollup_themes_org_day_idx";--> statement-breakpoint
ALTER TABLE "rollup_choices" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_rating_values" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_ratings" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "positive_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "neutral_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "negative_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "positive_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "neutral_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "negative_commenters" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_sentiment" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_themes" ADD COLUMN "span" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_theme_respondents" ADD CONSTRAINT "rollup_theme_respondents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_theme_respondents_org_span_day_idx" ON "rollup_theme_respondents" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "links_single_use_unit_idx" ON "links" USING btree ("unit_id","created_at") WHERE kind = 'single_use';--> statement-breakpoint
CREATE INDEX "responses_change_submitted_idx" ON "responses" USING btree ("change_id","submitted_at");--> statement-breakpoint
CREATE INDEX "responses_submitted_idx" ON "responses" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "rollup_choices_org_span_day_idx" ON "rollup_choices" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "rollup_rating_values_org_span_day_idx" ON "rollup_rating_values" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "rollup_ratings_org_span_day_idx" ON "rollup_ratings" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "rollup_responses_org_span_day_idx" ON "rollup_responses" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "rollup_sentiment_org_span_day_idx" ON "rollup_sentiment" USING btree ("organisation_id","span","day");--> statement-breakpoint
CREATE INDEX "rollup_themes_org_span_day_idx" ON "rollup_themes" USING btree ("organisation_id","span","day");--> statement-breakpoint
ALTER TABLE "rollup_choices" ADD CONSTRAINT "rollup_choices_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","link_id","code");--> statement-breakpoint
ALTER TABLE "rollup_rating_values" ADD CONSTRAINT "rollup_rating_values_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","link_id","value");--> statement-breakpoint
ALTER TABLE "rollup_ratings" ADD CONSTRAINT "rollup_ratings_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","link_id");--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD CONSTRAINT "rollup_responses_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id");--> statement-breakpoint
ALTER TABLE "rollup_sentiment" ADD CONSTRAINT "rollup_sentiment_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","link_id","sentiment");--> statement-breakpoint
ALTER TABLE "rollup_themes" ADD CONSTRAINT "rollup_themes_key" UNIQUE NULLS NOT DISTINCT("span","day","survey_id","unit_id","change_id","link_id","taxonomy","theme","sentiment");