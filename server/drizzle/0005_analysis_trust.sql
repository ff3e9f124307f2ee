ALTER TABLE "comment_analyses" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "not_analysed" text;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "urgency_tier" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "sentiment_confidence" numeric(4, 3) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "low_confidence" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "model_sentiment" text;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "model_sentiment_score" numeric(4, 3);--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "model_themes" jsonb;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "model_not_analysed" text;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "model_urgency_tier" text;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
UPDATE "comment_analyses" SET "urgency_tier" = CASE WHEN "urgent" THEN 'urgent' ELSE 'none' END,
  "sentiment_confidence" = abs("sentiment_score"), "model_sentiment" = "sentiment", "model_sentiment_score" = "sentiment_score", "model_themes" = "themes",
  "model_urgency_tier" = CASE WHEN "urgent" THEN 'urgent' ELSE 'none' END;--> statement-breakpoint
ALTER TABLE "comment_analyses" ADD CONSTRAINT "comment_analyses_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_analyses_id_key" ON "comment_analyses" USING btree ("id");--> statement-breakpoint
CREATE INDEX "comment_analyses_review_idx" ON "comment_analyses" USING btree ("response_id") WHERE "urgency_tier" = 'review';--> statement-breakpoint
CREATE TABLE "comment_corrections" (
	"response_id" uuid NOT NULL,
	"link_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"sentiment" text,
	"themes" jsonb,
	"urgency" text,
	"corrected_by" uuid NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_corrections_response_id_link_id_pk" PRIMARY KEY("response_id","link_id")
);
--> statement-breakpoint
ALTER TABLE "comment_corrections" ADD CONSTRAINT "comment_corrections_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_corrections" ADD CONSTRAINT "comment_corrections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_corrections" ADD CONSTRAINT "comment_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_corrections_org_idx" ON "comment_corrections" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "not_analysed_comments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_responses" ADD COLUMN "not_analysed_commenters" integer DEFAULT 0 NOT NULL;
