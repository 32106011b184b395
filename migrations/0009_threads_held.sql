ALTER TABLE "threads" ADD COLUMN "held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "threads" SET "held" = true WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."thread_id" = "threads"."id" AND "posts"."number" = 1 AND "posts"."status" = 'pending');
