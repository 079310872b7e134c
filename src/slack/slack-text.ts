/**
 * Slack message text to the plain text a person pasted: user mentions removed, links back to
 * their URL, and the `&amp;`, `&lt;`, `&gt;` Slack escapes undone.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<!(?:subteam\^[A-Z0-9]+|here|channel|everyone)(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[CG][A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name: string | undefined) => (name ? `#${name}` : ' '))
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export function mentionsUser(text: string, userId: string | undefined): boolean {
  return !!userId && text.includes(`<@${userId}`);
}
