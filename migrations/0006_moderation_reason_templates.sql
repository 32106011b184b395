CREATE TABLE "reason_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"text_nl" text NOT NULL,
	"text_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reason_templates_key_check" CHECK ("reason_templates"."key" ~ '^[a-z][a-z0-9_]{0,39}$')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reason_templates_key_unique" ON "reason_templates" USING btree ("key");--> statement-breakpoint
-- The original five removal reasons, now editable by admins (created one second apart to keep their order).
INSERT INTO "reason_templates" ("key", "label_nl", "label_en", "text_nl", "text_en", "created_at", "updated_at") VALUES
	('personal_data', 'Persoonlijke gegevens', 'Personal data', 'Dit bericht bevat persoonlijke gegevens; die hebben we voor je veiligheid verborgen.', 'This post contains personal data; we hid it for your safety.', now() - interval '5 seconds', now() - interval '5 seconds'),
	('unkind', 'Niet vriendelijk', 'Unkind', 'Dit bericht is niet vriendelijk naar anderen en past niet bij de huisregels.', 'This post is unkind to others and does not fit the house rules.', now() - interval '4 seconds', now() - interval '4 seconds'),
	('medical_misinformation', 'Onjuist medisch advies', 'Medical misinformation', 'Dit bericht geeft medisch advies dat niet klopt of gevaarlijk kan zijn.', 'This post gives medical advice that is wrong or could be dangerous.', now() - interval '3 seconds', now() - interval '3 seconds'),
	('spam', 'Reclame of spam', 'Advertising or spam', 'Dit bericht is reclame of spam.', 'This post is advertising or spam.', now() - interval '2 seconds', now() - interval '2 seconds'),
	('off_topic', 'Hoort niet in deze ruimte', 'Off-topic', 'Dit bericht hoort niet in deze ruimte.', 'This post does not belong in this space.', now() - interval '1 second', now() - interval '1 second')
ON CONFLICT ("key") DO NOTHING;
