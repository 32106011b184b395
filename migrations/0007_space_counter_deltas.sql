CREATE TABLE "space_counter_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"threads" integer DEFAULT 0 NOT NULL,
	"posts" integer DEFAULT 0 NOT NULL,
	"activity_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "space_counter_deltas_space_idx" ON "space_counter_deltas" USING btree ("space_id");