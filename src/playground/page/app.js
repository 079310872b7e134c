// The playground page: renders what the local Slack holds and turns what you do into Slack requests.
// Messages arrive pre-rendered (Block Kit → HTML on the server); this file only lays them out.
(() => {
  const state = { channels: [], messages: new Map(), channel: 'C0GENERAL', threadTs: null, file: null };
  const $ = (id) => document.getElementById(id);
  const key = (m) => `${m.channel}/${m.ts}`;

  async function post(path, body) {
    const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) alert((await res.json()).error || 'request failed');
  }

  function fmtTime(ts) {
    const d = new Date(Number(ts.split('.')[0]) * 1000);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function messageEl(m) {
    const el = document.createElement('div');
    el.className = `msg${m.ephemeral ? ' ephemeral' : ''}`;
    el.dataset.ts = m.ts;
    const isBot = m.userName === 'kb';
    el.innerHTML = `
      <div class="avatar ${isBot ? 'bot' : 'you'}">${isBot ? 'kb' : m.userName.slice(0, 2)}</div>
      <div class="body">
        <div><span class="who">${m.userName}${isBot ? '<span class="app">APP</span>' : ''}</span><span class="time">${fmtTime(m.ts)}</span></div>
        ${m.ephemeral ? '<div class="ephemeral-note">Only visible to you</div>' : ''}
        <div class="text">${m.html}</div>
        ${m.files.map((f) => `<div class="file">${f.name.replace(/</g, '&lt;')}</div>`).join('')}
      </div>`;
    if (!m.ephemeral) {
      const tools = document.createElement('div');
      tools.className = 'msg-tools';
      tools.innerHTML = '<button data-tool="shortcut" title="Message shortcut">Find a KB fix</button><button data-tool="reply">Reply in thread</button>';
      el.appendChild(tools);
    }
    el.addEventListener('click', (ev) => {
      const button = ev.target.closest('button');
      if (!button) return;
      if (button.dataset.actionId) {
        button.disabled = true;
        post('/ui/action', { channel: m.channel, ts: m.ts, action_id: button.dataset.actionId, block_id: button.dataset.blockId, value: button.dataset.value });
      } else if (button.dataset.tool === 'shortcut') {
        post('/ui/shortcut', { channel: m.channel, ts: m.ts });
      } else if (button.dataset.tool === 'reply') {
        state.threadTs = m.thread_ts || m.ts;
        $('thread-note').hidden = false;
        $('input').focus();
      }
    });
    return el;
  }

  function render() {
    const list = [...state.messages.values()].filter((m) => m.channel === state.channel).sort((a, b) => Number(a.ts) - Number(b.ts));
    const top = list.filter((m) => !m.thread_ts);
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    box.innerHTML = '';
    for (const m of top) {
      box.appendChild(messageEl(m));
      const replies = list.filter((r) => r.thread_ts === m.ts);
      if (replies.length) {
        const t = document.createElement('div');
        t.className = 'thread';
        t.innerHTML = `<div class="thread-label">${replies.length} repl${replies.length > 1 ? 'ies' : 'y'}</div>`;
        for (const r of replies) t.appendChild(messageEl(r));
        box.appendChild(t);
      }
    }
    if (atBottom) box.scrollTop = box.scrollHeight;
    const ch = state.channels.find((c) => c.id === state.channel);
    $('channel-title').textContent = ch ? (ch.im ? `@${ch.name}` : `# ${ch.name}`) : '';
    $('input').placeholder = ch && ch.im ? 'Message kb — every message is a question' : 'Message #general — mention @kb, paste a stack trace, or type /kb <error>';
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.id === state.channel);
  }

  async function load() {
    const s = await (await fetch('/ui/state')).json();
    state.channels = s.channels;
    $('kb-count').textContent = `${s.articles} KB articles indexed.`;
    $('channels').innerHTML = s.channels.map((c) => `<a data-id="${c.id}">${c.im ? '● ' : '# '}${c.name}</a>`).join('');
    for (const a of document.querySelectorAll('nav a')) a.onclick = () => { state.channel = a.dataset.id; state.threadTs = null; $('thread-note').hidden = true; render(); };
    for (const m of s.messages) state.messages.set(key(m), m);
    render();
    const es = new EventSource('/ui/events');
    es.onmessage = (e) => {
      const { type, message } = JSON.parse(e.data);
      if (type === 'delete') state.messages.delete(key(message));
      else state.messages.set(key(message), message);
      render();
    };
  }

  async function send() {
    const input = $('input');
    const text = input.value;
    if (!text.trim() && !state.file) return;
    input.value = '';
    if (/^\/kb(\s|$)/.test(text.trim()) && !state.file) {
      await post('/ui/command', { channel: state.channel, text: text.trim() });
    } else {
      await post('/ui/post', { channel: state.channel, text, thread_ts: state.threadTs, file: state.file });
    }
    state.file = null;
    $('file-note').hidden = true;
    $('file').value = '';
  }

  const EXAMPLES = {
    trace: '@kb Companion fails to open PDFs, log says:\n2024-03-18 10:42:07,311 WARN [http-nio-8090-exec-14] [jwt.internal.sal.DefaultAuthenticationResultHandler] createAndSendFailure Failure during JWT authentication -- url: /download/attachments/2293761/Q1%20plan.pdf | traceId: 93b1f0c2a7\ncom.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim \'qsh\' to have value \'8c1f\' but instead it has the value \'2be9\'\n\tat com.atlassian.jwt.core.reader.JwtClaimEqualityVerifier.verify(JwtClaimEqualityVerifier.java:29)\n\tat com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:151)',
    command: '/kb Error: connect ECONNREFUSED ::1:5432 after upgrading to node 18',
    question: '@kb why does git push fail with RPC failed HTTP 413 for big pushes?',
  };
  for (const b of document.querySelectorAll('[data-example]')) {
    b.onclick = () => { $('input').value = EXAMPLES[b.dataset.example]; $('input').focus(); };
  }

  $('composer').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('input').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); } });
  $('cancel-thread').onclick = () => { state.threadTs = null; $('thread-note').hidden = true; };
  $('file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    state.file = { name: f.name, content: await f.slice(0, 6 * 1024 * 1024).text() };
    $('file-note').textContent = `${f.name} will be attached`;
    $('file-note').hidden = false;
  });
  load();
})();
