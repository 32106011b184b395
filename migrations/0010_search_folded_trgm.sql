DROP INDEX "posts_source_trgm_idx";--> statement-breakpoint
DROP INDEX "threads_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "posts_source_folded_trgm_idx" ON "posts" USING gin (translate(lower("source"), 'àáâãäåāèéêëēėęìíîïīįòóôõöøōùúûüūýÿçćčñńšśžźżł', 'aaaaaaaeeeeeeeiiiiiiooooooouuuuuyycccnnsszzzl') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "threads_title_folded_trgm_idx" ON "threads" USING gin (translate(lower("title"), 'àáâãäåāèéêëēėęìíîïīįòóôõöøōùúûüūýÿçćčñńšśžźżł', 'aaaaaaaeeeeeeeiiiiiiooooooouuuuuyycccnnsszzzl') gin_trgm_ops);