import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/reply/actions.js';
import { FIND_KB_FIX_CALLBACK } from '../../src/slack/listeners/shortcuts/find-kb-fix.js';

const ROOT = join(import.meta.dirname, '..', '..');

interface Manifest {
  features: { bot_user: { display_name: string }; slash_commands: Array<{ command: string }>; shortcuts: Array<{ type: string; callback_id: string }>; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe('manifest.yml', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;
  const listeners = readdirSync(join(ROOT, 'src', 'slack', 'listeners'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(ROOT, 'src', 'slack', 'listeners', f), 'utf8'))
    .join('\n');

  it('declares the slash command, the shortcut and the events the listeners handle', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/kb']);
    expect(listeners).toContain("app.command('/kb'");
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: FIND_KB_FIX_CALLBACK })]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(listeners).toContain("app.event('app_mention'");
    expect(listeners).toContain('app.message(');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(Object.values(ACTIONS).length).toBeGreaterThan(0);
  });

  it('asks for exactly the scopes the code uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:history', 'im:history', 'users:read'].sort(),
    );
    const src = readdirSync(join(ROOT, 'src', 'slack'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(ROOT, 'src', 'slack', f), 'utf8'))
      .join('\n');
    // files:read and users:read are only there for these calls
    expect(src).toContain('client.files.info(');
    expect(src).toContain('client.users.info(');
  });

  it('works in Socket Mode out of the box', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
