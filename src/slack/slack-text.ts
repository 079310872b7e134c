/**
 * Slack message text to the plain text a person pasted: user mentions removed, links back to
 * their URL, and the `&amp;`, `&lt;`, `&gt;` Slack escapes undone. Slack escapes `<` and `>`
 * inside a message, so a link's label never contains them: each pattern stops at the next
 * `<`, which keeps the cost linear however many unclosed `<http://a|` a paste holds.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]{1,40}(?:\|[^<>]{0,300})?>/g, ' ')
    .replace(/<!(?:subteam\^[A-Z0-9]{1,40}|here|channel|everyone)(?:\|[^<>]{0,300})?>/g, ' ')
    .replace(/<#[CG][A-Z0-9]{1,40}(?:\|([^<>]{0,300}))?>/g, (_m, name: string | undefined) => (name ? `#${name}` : ' '))
    .replace(/<((?:https?|mailto):[^|<>]{1,8000})(?:\|[^<>]{0,8000})?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export function mentionsUser(text: string, userId: string | undefined): boolean {
  return !!userId && text.includes(`<@${userId}`);
}
