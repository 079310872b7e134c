/** A KB file that cannot become an article. The indexer reports it by path and goes on. */
export class ArticleReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ArticleReadError';
  }
}
