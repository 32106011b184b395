/** GET /api/search: thin — schema, service, status. */
import { searchQuerySchema, searchResultsSchema } from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import type { SearchService } from './search.service';

export function searchRoutes(app: ZodApp, ctx: AppContext, { search }: { search: SearchService }): void {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search thread titles and posts the reader may see',
        description:
          'Dutch full-text search (websearch syntax: "quotes", -exclude, or) with a substring fallback for compound words ("opvang" finds "kinderopvang"). Newest first; pass `nextCursor` back as `cursor`. `space` is a slug. Snippets are plain text with highlight ranges.',
        querystring: searchQuerySchema,
        response: { 200: searchResultsSchema, ...errorResponses(400, 404, 429) },
      },
      config: { ...routeRateLimit(ctx.config, 60, '1 minute') },
    },
    async (request, reply) => sendResult(reply, await search.search(request.actor, request.query)),
  );
}
