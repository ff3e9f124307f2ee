ALTER TABLE "sites" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "concern_phone" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "concern_url" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "concern_phone" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "concern_url" text;
