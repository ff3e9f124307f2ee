CREATE TABLE "rollup_comment_respondents" (
	"day" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid,
	"change_id" uuid,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"respondents" integer NOT NULL,
	CONSTRAINT "rollup_comment_respondents_key" UNIQUE NULLS NOT DISTINCT("day","survey_id","unit_id","change_id","kind","key")
);
--> statement-breakpoint
ALTER TABLE "rollup_comment_respondents" ADD CONSTRAINT "rollup_comment_respondents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_comment_respondents" ADD CONSTRAINT "rollup_comment_respondents_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_comment_respondents" ADD CONSTRAINT "rollup_comment_respondents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_comment_respondents_org_day_idx" ON "rollup_comment_respondents" USING btree ("organisation_id","day");--> statement-breakpoint
CREATE INDEX "links_single_use_unit_idx" ON "links" USING btree ("unit_id","created_at") WHERE kind = 'single_use';--> statement-breakpoint
CREATE INDEX "responses_change_submitted_idx" ON "responses" USING btree ("change_id","submitted_at");--> statement-breakpoint
CREATE INDEX "responses_submitted_idx" ON "responses" USING btree ("submitted_at");--> statement-breakpoint
-- Backfill from analyses stored before this table existed (the same figures the worker's rollup
-- statement adds per response, and `npm run rollups:rebuild` recomputes).
INSERT INTO "rollup_comment_respondents" (day, organisation_id, survey_id, unit_id, change_id, kind, key, respondents)
SELECT (r.submitted_at AT TIME ZONE o.timezone)::date, s.organisation_id, r.survey_id, r.unit_id, r.change_id,
       k.kind, k.key, count(*)
FROM responses r
JOIN response_analyses ra ON ra.response_id = r.id
JOIN surveys s ON s.id = r.survey_id
JOIN organisations o ON o.id = s.organisation_id
CROSS JOIN LATERAL (
  SELECT DISTINCT x.kind, x.key FROM comment_analyses ca
  CROSS JOIN LATERAL (
    SELECT 'any' AS kind, '' AS key
    UNION ALL SELECT 'sentiment', ca.sentiment
    UNION ALL SELECT 'framework', t->>'label' FROM jsonb_array_elements(ca.themes) t
    UNION ALL SELECT 'friction', f->>'key' FROM jsonb_array_elements(ca.friction_themes) f
  ) x
  WHERE ca.response_id = r.id
) k
GROUP BY 1, 2, 3, 4, 5, 6, 7;
