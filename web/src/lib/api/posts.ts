/** Posts: replying, editing and removing one's own post, and the markdown preview. */
import type { CreatePostBody, EditPostBody, PostResponse, PreviewBody, PreviewResponse } from '@kring/shared';
import { api, type ApiClient } from './client';
import { segment } from './query';
import { threadPath } from './threads';

const postPath = (id: string) => `/api/posts/${segment(id)}`;

export function createPostsApi(client: ApiClient = api) {
  return {
    reply: (threadId: string, body: CreatePostBody) => client.post<PostResponse>(`${threadPath(threadId)}/posts`, body),
    edit: (id: string, body: EditPostBody) => client.patch<PostResponse>(postPath(id), body),
    remove: (id: string) => client.delete<PostResponse>(postPath(id)),
    preview: (body: PreviewBody) => client.post<PreviewResponse>('/api/posts/preview', body),
  };
}

export type PostsApi = ReturnType<typeof createPostsApi>;
export const postsApi: PostsApi = createPostsApi();
