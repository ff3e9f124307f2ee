ALTER TYPE "public"."alert_kind" ADD VALUE IF NOT EXISTS 'disparity';--> statement-breakpoint
CREATE TABLE "disparity_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"change_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"group" text NOT NULL,
	"metric" text NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disparity_findings" ADD CONSTRAINT "disparity_findings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disparity_findings" ADD CONSTRAINT "disparity_findings_change_id_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disparity_findings_key" ON "disparity_findings" USING btree ("change_id","dimension","group");--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "disparity_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_disparity_id_disparity_findings_id_fk" FOREIGN KEY ("disparity_id") REFERENCES "public"."disparity_findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_disparity_key" ON "alerts" USING btree ("disparity_id");--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_channel_check" CHECK ("channel" IS NULL OR "channel" IN ('online', 'kiosk', 'phone', 'paper'));
