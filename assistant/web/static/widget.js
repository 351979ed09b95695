/*
 * Trợ lý ảo dịch vụ công — website chat widget.
 *
 * Embed with one tag (see assistant/web/README.md for every data- attribute):
 *   <script src="https://assistant.example/widget.js" data-province="tỉnh Hà Tĩnh" defer></script>
 *
 * Plain JavaScript, no build step, no dependency, no external request except the
 * chat API and widget.css next to this file. The UI lives in an open shadow root
 * so the host page's CSS cannot break it (nor it the page's).
 *
 * Safety: every text from the user or the server is put into the DOM as text
 * nodes (textContent / createTextNode); innerHTML is never used. Only http(s)
 * URLs in bot text become links.
 *
 * While the panel is open and the page visible, the widget polls
 * GET {api}/api/dossiers/notifications for status changes of the dossiers this
 * conversation follows and shows them as messages of the assistant, and every
 * {data-updates} ms (default 1500) GET {api}/api/chat/updates for messages sent
 * outside a reply: an officer's answers while the conversation is handed over, and
 * the assistant's when it takes the conversation back.
 */
(() => {
  'use strict';

  const VERSION = '1';
  const script = document.currentScript ||
    document.querySelector('script[src$="/widget.js"], script[src*="/widget.js?"]');
  if (!script || window.AssistantWidget) return;

  // --- configuration -------------------------------------------------------------

  const CONTEXT_PARAMS = ['counter', 'agency', 'procedure', 'mode'];
  // The only context keys the chat API accepts (it answers 422 to any other).
  const CONTEXT_KEYS = [...CONTEXT_PARAMS, 'page'];
  const MAX_HISTORY = 200;
  const data = script.dataset;
  const scriptUrl = new URL(script.src, document.baseURI);
  const api = (data.api ? new URL(data.api, document.baseURI).href : scriptUrl.origin)
    .replace(/\/+$/, '');
  const config = {
    api,
    province: { vi: data.province || '', en: data.provinceEn || data.province || '' },
    greeting: { vi: data.greeting || '', en: data.greetingEn || '' },
    color: data.color || '#a3161a',
    lang: data.lang === 'en' ? 'en' : 'vi',
    isOpen: data.open === '1' || data.open === 'true',
    position: data.position === 'left' ? 'left' : 'right',
    timeoutMs: positiveInt(data.timeout, 30000),
    maxLength: positiveInt(data.maxLength, 2000),
    // Dossier notifications: how often to ask while open; "0" turns polling off.
    pollMs: data.poll === '0' ? 0 : Math.max(positiveInt(data.poll, 15000), 1000),
    // Officers' replies during a handover: how often to ask while open; "0" turns it off.
    updatesMs: data.updates === '0' ? 0 : Math.max(positiveInt(data.updates, 1500), 500),
    storageKey: 'assistant-widget:' + api,
  };
  const context = scalars(parseJson(data.context));
  let urlLanguage = null;
  if (data.urlParams !== 'off') {
    const params = new URLSearchParams(location.search);
    if (['1', 'true'].includes(params.get('open'))) config.isOpen = true;
    if (['vi', 'en'].includes(params.get('lang'))) urlLanguage = params.get('lang');
    for (const key of CONTEXT_PARAMS) {
      const value = params.get(key);
      if (value && value.length <= 100) context[key] = value;
    }
  }

  // --- texts: every UI string in Vietnamese and English ------------------------

  const T = {
    vi: {
      launcher: 'Hỏi trợ lý ảo',
      title: 'Trợ lý ảo',
      subtitle: 'Dịch vụ công',
      dialog: 'Trò chuyện với trợ lý ảo dịch vụ công',
      languages: 'Ngôn ngữ',
      newChat: 'Bắt đầu cuộc trò chuyện mới',
      close: 'Đóng cửa sổ trò chuyện',
      log: 'Nội dung trò chuyện',
      input: 'Câu hỏi của anh/chị',
      placeholder: 'Nhập câu hỏi…',
      send: 'Gửi',
      you: 'Anh/chị: ',
      bot: 'Trợ lý: ',
      staff: 'Cán bộ: ',
      askOfficer: 'Gặp cán bộ',
      typing: 'Trợ lý đang trả lời…',
      replies: 'Gợi ý trả lời',
      retry: 'Gửi lại',
      retryLabel: 'Gửi lại tin nhắn: ',
      offlineBanner: 'Mất kết nối mạng. Tin nhắn sẽ được giữ lại để gửi sau.',
      greeting: (p) => `Xin chào! Tôi là trợ lý ảo${p ? ' của ' + p : ' dịch vụ công'}. ` +
        'Anh/chị cần làm thủ tục hành chính nào? Ví dụ: “làm hộ chiếu”, ' +
        '“đăng ký khai sinh”, “cấp lại căn cước bị mất”.',
      feedbackGreeting: (counter) => 'Xin chào! Cảm ơn anh/chị đã sử dụng dịch vụ' +
        (counter ? ` tại quầy ${counter}` : '') +
        '. Anh/chị có thể gửi đánh giá, góp ý hoặc hỏi về thủ tục tại đây.',
      errors: {
        offline: 'Chưa gửi được vì mất kết nối mạng. Khi có mạng, anh/chị bấm “Gửi lại”.',
        network: 'Chưa gửi được vì không kết nối được tới hệ thống. ' +
          'Anh/chị kiểm tra mạng rồi bấm “Gửi lại”.',
        busy: 'Hệ thống đang bận nên tin nhắn chưa được gửi. ' +
          'Anh/chị vui lòng bấm “Gửi lại” sau ít phút.',
        timeout: 'Hệ thống phản hồi quá lâu nên tin nhắn chưa được xử lý. ' +
          'Anh/chị vui lòng bấm “Gửi lại”.',
        interrupted: 'Tin nhắn chưa chắc đã được gửi (trang đã tải lại). ' +
          'Anh/chị có thể bấm “Gửi lại”.',
        rejected: 'Hệ thống không nhận tin nhắn này.',
      },
      stopNotices: 'Tắt thông báo hồ sơ này',
      stopNoticesLabel: (code) => `Tắt thông báo cho hồ sơ ${code}`,
      noticesStopped: (code) => `Đã tắt thông báo cho hồ sơ ${code}. Muốn nhận lại, ` +
        'anh/chị tra cứu hồ sơ và chọn “🔔 Nhận thông báo”.',
      noticesNotStopped: 'Chưa tắt được thông báo vì không kết nối được tới hệ thống. ' +
        'Anh/chị vui lòng thử lại sau.',
    },
    en: {
      launcher: 'Ask the assistant',
      title: 'Virtual assistant',
      subtitle: 'Public services',
      dialog: 'Chat with the public-service virtual assistant',
      languages: 'Language',
      newChat: 'Start a new conversation',
      close: 'Close the chat window',
      log: 'Conversation',
      input: 'Your question',
      placeholder: 'Type your question…',
      send: 'Send',
      you: 'You: ',
      bot: 'Assistant: ',
      staff: 'Officer: ',
      askOfficer: 'Talk to an officer',
      typing: 'The assistant is typing…',
      replies: 'Suggested replies',
      retry: 'Retry',
      retryLabel: 'Retry sending: ',
      offlineBanner: 'You are offline. Your messages are kept so you can send them later.',
      greeting: (p) => `Hello! I am the virtual assistant${p ? ' of ' + p : ' for public services'}. ` +
        'Which administrative procedure do you need? For example: “passport”, ' +
        '“birth registration”, “replace a lost ID card”.',
      feedbackGreeting: (counter) => 'Hello! Thank you for using our services' +
        (counter ? ` at counter ${counter}` : '') +
        '. You can rate the service, leave feedback or ask about a procedure here.',
      errors: {
        offline: 'Not sent: you are offline. Press “Retry” when you are back online.',
        network: 'Not sent: the service could not be reached. ' +
          'Check your connection and press “Retry”.',
        busy: 'Not sent: the service is busy right now. Please press “Retry” in a moment.',
        timeout: 'The service took too long to answer. Please press “Retry”.',
        interrupted: 'This message may not have been sent (the page was reloaded). ' +
          'You can press “Retry”.',
        rejected: 'The service did not accept this message.',
      },
      stopNotices: 'Stop notifications for this dossier',
      stopNoticesLabel: (code) => `Stop notifications for dossier ${code}`,
      noticesStopped: (code) => `Notifications for dossier ${code} are off. To get them ` +
        'again, look up the dossier and choose “🔔 Notify me”.',
      noticesNotStopped: 'Notifications could not be turned off: the service could not ' +
        'be reached. Please try again later.',
    },
  };

  // --- state kept in the browser -------------------------------------------------

  const state = loadState();
  if (urlLanguage) {
    state.lang = urlLanguage;
    state.isExplicit = true;
  }
  let pending = 0;
  let queue = Promise.resolve();
  let generation = 0;  // bumped by "new conversation": late replies of the old one are dropped
  let readFrom = null;  // id of the first message of a new answer: shown from its top

  function newState() {
    return { senderId: randomId('web-'), lang: config.lang, isExplicit: false, messages: [] };
  }

  function loadState() {
    const fresh = newState();
    try {
      const saved = JSON.parse(localStorage.getItem(config.storageKey) || 'null');
      if (!saved || typeof saved.senderId !== 'string' || !Array.isArray(saved.messages)) {
        return fresh;
      }
      const messages = saved.messages.filter((m) => m && typeof m.text === 'string')
        .map((m) => (m.state === 'sending' ? { ...m, state: 'failed', error: 'interrupted' } : m));
      return {
        senderId: saved.senderId,
        lang: saved.lang === 'en' ? 'en' : 'vi',
        isExplicit: saved.isExplicit === true,
        messages,
      };
    } catch (_) {
      return fresh;  // storage blocked (private mode, policy) or corrupted: start anew
    }
  }

  function save() {
    state.messages = state.messages.slice(-MAX_HISTORY);
    try {
      localStorage.setItem(config.storageKey, JSON.stringify(state));
    } catch (_) {
      // Storage full or blocked: the conversation still works for this page view.
    }
  }

  // --- DOM ---------------------------------------------------------------------------

  const host = document.createElement('div');
  host.id = 'assistant-widget';
  const root = host.attachShadow({ mode: 'open' });
  const ICONS = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 ' +
      '2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z',
    close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 ' +
      '17.6 5 12 10.6z',
    send: 'M3 20.5 21.5 12 3 3.5v6.6L15 12 3 13.9z',
    reset: 'M12 5V1L7 6l5 5V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z',
  };

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  function icon(name) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    return svg;
  }

  const cssUrl = new URL('widget.css', scriptUrl);
  cssUrl.searchParams.set('v', VERSION);
  // Hidden until widget.css has loaded, so the page never shows an unstyled widget.
  const styles = h('link', { rel: 'stylesheet', href: cssUrl.href });
  root.append(
    h('style', {}, ':host{all:initial}.aw{visibility:hidden}[hidden]{display:none!important}'),
    styles,
  );
  let isReady = false;  // widget.css loaded: before that nothing is visible nor focusable
  let earlyOpen = null;

  const ui = {};
  ui.launcherText = h('span', { class: 'aw-launcher-text' });
  ui.launcher = h('button', {
    type: 'button', class: 'aw-launcher', 'aria-haspopup': 'dialog',
    'aria-expanded': 'false', 'aria-controls': 'aw-panel', onclick: () => open(),
  }, icon('chat'), ui.launcherText);
  ui.title = h('h2', { class: 'aw-title', id: 'aw-title' });
  ui.subtitle = h('p', { class: 'aw-subtitle' });
  ui.langVi = h('button', { type: 'button', class: 'aw-lang', lang: 'vi',
    'aria-label': 'Tiếng Việt', onclick: () => chooseLanguage('vi') }, 'VI');
  ui.langEn = h('button', { type: 'button', class: 'aw-lang', lang: 'en',
    'aria-label': 'English', onclick: () => chooseLanguage('en') }, 'EN');
  ui.langGroup = h('div', { class: 'aw-langs', role: 'group' }, ui.langVi, ui.langEn);
  ui.reset = h('button', { type: 'button', class: 'aw-icon', onclick: () => resetConversation() },
    icon('reset'));
  ui.close = h('button', { type: 'button', class: 'aw-icon aw-close',
    onclick: () => close(true) }, icon('close'));
  ui.banner = h('p', { class: 'aw-banner', role: 'status', hidden: true });
  ui.log = h('ol', { class: 'aw-log' });
  // tabindex -1: a click in the conversation keeps focus in the widget, so Esc still closes.
  ui.body = h('div', { class: 'aw-body', tabindex: -1 }, ui.log);
  ui.inputLabel = h('label', { class: 'aw-sr', for: 'aw-input' });
  ui.input = h('textarea', { id: 'aw-input', class: 'aw-input', rows: 1,
    maxlength: config.maxLength, autocomplete: 'off' });
  ui.send = h('button', { type: 'submit', class: 'aw-send' }, icon('send'));
  ui.form = h('form', { class: 'aw-form', novalidate: true }, ui.inputLabel, ui.input, ui.send);
  ui.live = h('div', { class: 'aw-sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
  ui.panel = h('section', { class: 'aw-panel', id: 'aw-panel', role: 'dialog',
    'aria-modal': 'false', hidden: true },
  h('header', { class: 'aw-header' },
    h('div', { class: 'aw-heading' }, ui.title, ui.subtitle),
    ui.langGroup, ui.reset, ui.close),
  ui.banner, ui.body, ui.form, ui.live);
  ui.root = h('div', { class: `aw aw-${config.position}` }, ui.launcher, ui.panel);
  root.append(ui.root);

  // --- rendering -------------------------------------------------------------------

  const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

  /** Bot text as text nodes, with http(s) URLs as links that open in a new tab. */
  function richText(text) {
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(URL_RE)) {
      const url = trimUrl(match[0]);
      frag.append(text.slice(last, match.index));
      frag.append(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url));
      last = match.index + url.length;
    }
    frag.append(text.slice(last));
    return frag;
  }

  function trimUrl(url) {
    // Sentence punctuation after a URL is not part of it; a ")" is, when it closes a "(".
    for (;;) {
      const end = url.slice(-1);
      const isUnbalanced = end === ')' &&
        url.split('(').length <= url.split(')').length - 1;
      if ('.,;:!?…»”’\'"]}'.includes(end) || isUnbalanced) url = url.slice(0, -1);
      else return url;
    }
  }

  function t() {
    return T[state.lang];
  }

  function greetingText() {
    const strings = t();
    if (config.greeting[state.lang]) return config.greeting[state.lang];
    if (context.mode === 'feedback') return strings.feedbackGreeting(context.counter);
    return strings.greeting(config.province[state.lang]);
  }

  function messageItem(msg) {
    const strings = t();
    const isUser = msg.from === 'user';
    const isStaff = msg.from === 'staff';
    const bubble = h('div', { class: 'aw-bubble', lang: isUser ? null : msg.lang },
      isUser ? msg.text : richText(msg.text));
    const item = h('li', { class: `aw-msg aw-${isUser ? 'user' : 'bot'}${isStaff ? ' aw-staff' : ''}`,
      'data-id': msg.id },
    h('span', { class: isStaff ? 'aw-who' : 'aw-sr' },
      isUser ? strings.you : isStaff ? strings.staff : strings.bot), bubble);
    if (msg.notice) {
      item.classList.add('aw-notice');
      if (!msg.isStopped) {
        item.append(h('button', { type: 'button', class: 'aw-stop',
          'aria-label': strings.stopNoticesLabel(msg.notice),
          onclick: () => stopNotices(msg.notice) }, strings.stopNotices));
      }
    }
    if (isUser && msg.state === 'failed') {
      item.classList.add('aw-failed');
      const reason = strings.errors[msg.error] || strings.errors.network;
      item.append(h('div', { class: 'aw-error' },
        h('span', {}, msg.detail ? `${reason} ${msg.detail}` : reason),
        h('button', { type: 'button', class: 'aw-retry', 'data-id': msg.id,
          'aria-label': strings.retryLabel + msg.text, onclick: () => retry(msg.id) },
        strings.retry)));
    }
    return item;
  }

  function quickReplies() {
    // Buttons of the assistant's latest turn only; older ones are history.
    const buttons = [];
    for (let i = state.messages.length - 1; i >= 0 && state.messages[i].from === 'bot'; i--) {
      buttons.unshift(...(state.messages[i].buttons || []));
    }
    if (!buttons.length || pending) return null;
    return h('li', { class: 'aw-replies' },
      h('div', { role: 'group', 'aria-label': t().replies },
        buttons.map((b) => h('button', { type: 'button', class: 'aw-reply',
          onclick: () => submit(b.title, b.payload) }, b.title))));
  }

  function render() {
    const strings = t();
    ui.root.setAttribute('lang', state.lang);
    ui.launcherText.textContent = strings.launcher;
    ui.launcher.setAttribute('aria-label', strings.launcher);
    ui.panel.setAttribute('aria-label', strings.dialog +
      (config.province[state.lang] ? ' – ' + config.province[state.lang] : ''));
    ui.title.textContent = strings.title;
    ui.subtitle.textContent = config.province[state.lang] || strings.subtitle;
    ui.langGroup.setAttribute('aria-label', strings.languages);
    ui.langVi.setAttribute('aria-pressed', String(state.lang === 'vi'));
    ui.langEn.setAttribute('aria-pressed', String(state.lang === 'en'));
    for (const [button, label] of [[ui.reset, strings.newChat], [ui.close, strings.close]]) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    ui.log.setAttribute('aria-label', strings.log);
    ui.inputLabel.textContent = strings.input;
    ui.input.placeholder = strings.placeholder;
    ui.send.setAttribute('aria-label', strings.send);
    ui.send.title = strings.send;
    ui.banner.textContent = strings.offlineBanner;
    ui.banner.hidden = navigator.onLine !== false;

    const greeting = h('li', { class: 'aw-msg aw-bot aw-greeting' },
      h('div', { class: 'aw-bubble' }, richText(greetingText())),
      h('button', { type: 'button', class: 'aw-officer',
        onclick: () => submit(strings.askOfficer, '/ask_human') }, strings.askOfficer));
    const typing = pending ? h('li', { class: 'aw-msg aw-bot aw-typing' },
      h('div', { class: 'aw-bubble' },
        h('span', { class: 'aw-sr' }, strings.typing),
        h('span', { class: 'aw-dots', 'aria-hidden': 'true' },
          h('span'), h('span'), h('span')))) : null;
    const hadFocus = ui.log.contains(root.activeElement);
    ui.log.replaceChildren(greeting, ...state.messages.map(messageItem),
      ...[quickReplies(), typing].filter(Boolean));
    if (hadFocus && !ui.panel.hidden) ui.input.focus();  // its button was just re-rendered
    ui.body.setAttribute('aria-busy', String(pending > 0));
    scrollToLatest();
  }

  function scrollToLatest() {
    // A long answer is read from its start, not from its last line.
    const start = readFrom && [...ui.log.children].find((li) => li.dataset.id === readFrom);
    readFrom = null;
    const top = start ? start.offsetTop - 12 : Infinity;
    ui.body.scrollTop = Math.min(top, ui.body.scrollHeight);
  }

  function announce(text) {
    // Re-set after a tick so the same text twice is still announced.
    ui.live.textContent = '';
    setTimeout(() => { ui.live.textContent = text.slice(0, 600); }, 50);
  }

  // --- sending -----------------------------------------------------------------------

  class SendError extends Error {
    constructor(kind, detail) {
      super(kind);
      this.kind = kind;
      this.detail = detail || '';
    }
  }

  function submit(text, payload) {
    text = String(text || '').trim();
    if (!text) return;
    const msg = { id: randomId('m'), from: 'user', text, state: 'sending' };
    if (payload && payload !== text) msg.payload = payload;
    state.messages.push(msg);
    save();
    enqueue(msg);
    ui.input.focus();
  }

  function enqueue(msg) {
    pending += 1;
    render();
    // One message at a time, in order: the assistant's dialogue depends on it.
    queue = queue.then(() => deliver(msg)).finally(() => {
      pending -= 1;
      render();
    });
  }

  async function deliver(msg) {
    const started = generation;
    const body = { sender_id: state.senderId, text: msg.payload || msg.text };
    if (state.isExplicit) body.language = state.lang;
    if (Object.keys(context).length) body.context = context;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), config.timeoutMs);
    let reply;
    try {
      if (navigator.onLine === false) throw new SendError('offline');
      const response = await fetch(config.api + '/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': state.lang },
        body: JSON.stringify(body),
        signal: abort.signal,
        credentials: 'omit',
      });
      if (!response.ok) throw await httpError(response);
      reply = await response.json();
      if (!reply || !Array.isArray(reply.messages)) throw new SendError('busy');
    } catch (err) {
      msg.state = 'failed';
      msg.error = err instanceof SendError ? err.kind
        : abort.signal.aborted ? 'timeout'
          : navigator.onLine === false ? 'offline' : 'network';
      msg.detail = err instanceof SendError ? err.detail : '';
      save();
      announce(t().errors[msg.error]);
      return;
    } finally {
      clearTimeout(timer);
    }
    if (started !== generation) return;
    delete msg.state;
    delete msg.error;
    delete msg.detail;
    const lang = reply.language === 'en' ? 'en' : 'vi';
    if (!state.isExplicit) state.lang = lang;  // the UI follows the conversation
    const added = reply.messages.map((m) => ({
      id: randomId('m'),
      from: 'bot',
      lang,
      text: typeof m.text === 'string' ? m.text : '',
      buttons: (Array.isArray(m.buttons) ? m.buttons : [])
        .filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string')
        .map((b) => ({ title: b.title, payload: b.payload })),
    })).filter((m) => m.text || m.buttons.length);
    state.messages.push(...added);
    if (added.length) readFrom = added[0].id;
    save();
    announce(added.map((m) => t().bot + m.text).join('\n'));
  }

  async function httpError(response) {
    if (response.status === 429 || response.status >= 500) return new SendError('busy');
    let detail = '';
    try {
      const body = await response.json();
      if (body && typeof body.message === 'string') detail = body.message.slice(0, 300);
    } catch (_) {
      // not JSON: the status alone says it was refused
    }
    return new SendError('rejected', detail);
  }

  function retry(id) {
    const index = state.messages.findIndex((m) => m.id === id);
    if (index < 0) return;
    // The retried message moves to the end: the history shows what the assistant got, in order.
    const [msg] = state.messages.splice(index, 1);
    msg.state = 'sending';
    delete msg.error;
    delete msg.detail;
    state.messages.push(msg);
    save();
    enqueue(msg);
    ui.input.focus();
  }

  // --- dossier notifications: polled while the panel is open and the page visible ---

  let pollTimer = null;
  let isPolling = false;  // a request in flight: it schedules the next one itself
  let pollFailures = 0;
  let hasNoNotifications = false;  // the server has no notification API (404)

  function shouldPoll() {
    return config.pollMs > 0 && !hasNoNotifications && isReady && !ui.panel.hidden &&
      document.visibilityState !== 'hidden';
  }

  function startPolling() {
    if (pollTimer === null && !isPolling && shouldPoll()) pollTimer = setTimeout(poll, 0);
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  async function poll() {
    pollTimer = null;
    if (isPolling || !shouldPoll()) return;
    isPolling = true;
    const senderId = state.senderId;
    let delay = config.pollMs;
    try {
      const response = await fetch(config.api + '/api/dossiers/notifications?sender_id=' +
        encodeURIComponent(senderId), { credentials: 'omit', cache: 'no-store' });
      if (response.status === 404) {
        hasNoNotifications = true;
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const items = await response.json();
      pollFailures = 0;
      if (senderId === state.senderId && Array.isArray(items)) showNotices(items);
    } catch (_) {
      // Offline or busy: ask less often, up to every 5 minutes.
      pollFailures += 1;
      delay = Math.min(config.pollMs * 2 ** pollFailures, 300000);
    } finally {
      isPolling = false;
      if (pollTimer === null && shouldPoll()) pollTimer = setTimeout(poll, delay);
    }
  }

  function showNotices(items) {
    const added = items
      .filter((n) => n && typeof n.text === 'string' && n.text && typeof n.dossier_code === 'string')
      .map((n) => ({ id: randomId('m'), from: 'bot', lang: state.lang, text: n.text,
        buttons: [], notice: n.dossier_code.slice(0, 64) }));
    if (!added.length) return;
    state.messages.push(...added);
    save();
    render();
    announce(added.map((m) => t().bot + m.text).join('\n'));
  }

  async function unsubscribe(senderId, code) {
    const query = new URLSearchParams({ sender_id: senderId });
    if (code) query.set('code', code);
    const response = await fetch(config.api + '/api/dossiers/subscriptions?' + query, {
      method: 'DELETE', credentials: 'omit', keepalive: true,
    });
    if (!response.ok) throw new Error(String(response.status));
  }

  async function stopNotices(code) {
    const strings = t();
    let text;
    try {
      await unsubscribe(state.senderId, code);
      for (const m of state.messages) if (m.notice === code) m.isStopped = true;
      text = strings.noticesStopped(code);
    } catch (_) {
      text = strings.noticesNotStopped;
    }
    state.messages.push({ id: randomId('m'), from: 'bot', lang: state.lang, text, buttons: [] });
    save();
    render();
    announce(text);
    ui.input.focus();
  }

  // --- messages sent outside a reply (an officer during a handover) ---------------

  let updatesTimer = null;
  let isFetchingUpdates = false;
  let hasNoUpdates = false;  // the server has no updates API (404)

  function shouldFetchUpdates() {
    return config.updatesMs > 0 && !hasNoUpdates && isReady && !ui.panel.hidden &&
      document.visibilityState !== 'hidden';
  }

  function startUpdates() {
    if (updatesTimer === null && !isFetchingUpdates && shouldFetchUpdates()) {
      updatesTimer = setTimeout(fetchUpdates, 0);
    }
  }

  function stopUpdates() {
    clearTimeout(updatesTimer);
    updatesTimer = null;
  }

  async function fetchUpdates() {
    updatesTimer = null;
    if (isFetchingUpdates || !shouldFetchUpdates()) return;
    isFetchingUpdates = true;
    const senderId = state.senderId;
    let delay = config.updatesMs;
    try {
      const response = await fetch(config.api + '/api/chat/updates?sender_id=' +
        encodeURIComponent(senderId), { credentials: 'omit', cache: 'no-store' });
      if (response.status === 404) {
        hasNoUpdates = true;
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      if (senderId === state.senderId && body && Array.isArray(body.messages)) {
        showUpdates(body.messages);
      }
    } catch (_) {
      delay = Math.min(config.updatesMs * 5, 60000);  // offline or busy: ask less often
    } finally {
      isFetchingUpdates = false;
      if (updatesTimer === null && shouldFetchUpdates()) updatesTimer = setTimeout(fetchUpdates, delay);
    }
  }

  function showUpdates(items) {
    const added = items.filter((m) => m && typeof m.text === 'string' && m.text)
      .map((m) => ({ id: randomId('m'), from: m.from === 'staff' ? 'staff' : 'bot',
        lang: state.lang, text: m.text,
        buttons: (Array.isArray(m.buttons) ? m.buttons : [])
          .filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string')
          .map((b) => ({ title: b.title, payload: b.payload })) }));
    if (!added.length) return;
    state.messages.push(...added);
    save();
    render();
    announce(added.map((m) => (m.from === 'staff' ? t().staff : t().bot) + m.text).join('\n'));
  }

  document.addEventListener('visibilitychange', () => {
    if (shouldPoll()) startPolling();
    else stopPolling();
    if (shouldFetchUpdates()) startUpdates();
    else stopUpdates();
  });

  // --- opening, closing, language, keyboard ------------------------------------------

  const small = window.matchMedia('(max-width: 520px), (max-height: 480px)');

  function open(detail) {
    detail = detail || {};
    if (!isReady) {
      earlyOpen = detail;
      return;
    }
    Object.assign(context, scalars(detail.context));
    if (detail.language === 'vi' || detail.language === 'en') {
      state.lang = detail.language;
      state.isExplicit = true;
      save();
    }
    const wasOpen = !ui.panel.hidden;
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.panel.setAttribute('aria-modal', String(small.matches));
    render();
    ui.input.focus();
    if (typeof detail.message === 'string') submit(detail.message);
    startPolling();
    startUpdates();
    if (!wasOpen) emit('opened');
  }

  function close(isReturningFocus) {
    if (ui.panel.hidden) return;
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'false');
    stopPolling();
    stopUpdates();
    if (isReturningFocus) ui.launcher.focus();
    emit('closed');
  }

  function chooseLanguage(lang) {
    state.lang = lang;
    state.isExplicit = true;  // sent with every message from now on
    save();
    render();
    (lang === 'vi' ? ui.langVi : ui.langEn).focus();
  }

  function resetConversation() {
    generation += 1;
    // The old conversation's id is forgotten: nobody could read its notifications.
    if (config.pollMs > 0 && !hasNoNotifications) unsubscribe(state.senderId, null).catch(() => {});
    const fresh = newState();
    fresh.lang = state.lang;
    fresh.isExplicit = state.isExplicit;
    Object.assign(state, fresh);
    save();
    render();
    ui.input.focus();
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.input.value;
    if (!text.trim()) return;
    ui.input.value = '';
    autosize();
    submit(text);
  });

  ui.input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; never while an IME (e.g. Telex) composes.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      ui.form.requestSubmit();
    }
  });

  function autosize() {
    ui.input.style.height = '';
    if (!ui.input.value) return;  // a long placeholder must not make the box taller
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight, 140) + 'px';
  }
  ui.input.addEventListener('input', autosize);

  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab' && small.matches) {
      trapFocus(event);  // full-screen on a phone: behaves as a modal dialog
    }
  });

  function trapFocus(event) {
    const items = [...ui.panel.querySelectorAll('button, a[href], textarea')]
      .filter((el) => !el.disabled && el.getClientRects().length);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = root.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  small.addEventListener('change', () => {
    if (!ui.panel.hidden) ui.panel.setAttribute('aria-modal', String(small.matches));
  });
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
  window.addEventListener('storage', (event) => {
    // Another tab of the same site changed the conversation: show it here too.
    if (event.key !== config.storageKey || pending) return;
    Object.assign(state, loadState());
    render();
  });

  // --- colours: readable whatever the configured colour -----------------------------

  function applyColour(value) {
    const probe = h('span', { style: 'display:none' });
    probe.style.color = value;
    if (!probe.style.color) probe.style.color = '#a3161a';
    root.append(probe);
    const rgb = (getComputedStyle(probe).color.match(/[\d.]+/g) || [163, 22, 26])
      .slice(0, 3).map(Number);
    probe.remove();
    const white = [255, 255, 255];
    const dark = [17, 17, 17];
    const onBrand = contrast(rgb, white) >= 4.5 || contrast(rgb, white) >= contrast(rgb, dark)
      ? white : dark;
    // Text in the brand colour on white (links, reply buttons) must reach 4.5:1 too.
    let brandText = rgb;
    while (contrast(brandText, white) < 4.5) brandText = brandText.map((c) => c * 0.85);
    const css = (c) => `rgb(${c.map(Math.round).join(' ')})`;
    host.style.setProperty('--aw-brand', css(rgb));
    host.style.setProperty('--aw-on-brand', css(onBrand));
    host.style.setProperty('--aw-brand-text', css(brandText));
  }

  function contrast(a, b) {
    const lum = (c) => {
      const [r, g, b2] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // --- helpers -------------------------------------------------------------------------

  function randomId(prefix) {
    // getRandomValues works on plain-http intranet pages (randomUUID needs a secure context).
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function positiveInt(value, fallback) {
    const n = Number.parseInt(value, 10);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  }

  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : {};
    } catch (_) {
      return {};
    }
  }

  function scalars(value) {
    // Context goes into the assistant's metadata: short values under the known keys only.
    const out = {};
    if (!value || typeof value !== 'object') return out;
    for (const [key, item] of Object.entries(value)) {
      const isScalar = ['string', 'number'].includes(typeof item);
      const length = String(item).length;
      if (CONTEXT_KEYS.includes(key) && isScalar && length >= 1 && length <= 100) {
        out[key] = item;
      }
    }
    return out;
  }

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent('assistant:' + name, { detail: detail || {} }));
  }

  // --- start -----------------------------------------------------------------------------

  render();
  window.addEventListener('assistant:open', (event) => open(event.detail));
  window.addEventListener('assistant:close', () => close(false));
  window.AssistantWidget = Object.freeze({ version: VERSION });

  function start() {
    document.body.append(host);  // the stylesheet only loads once the host is in the page
    applyColour(config.color);  // computed styles need the host in the page too
    const ready = () => {
      isReady = true;
      if (earlyOpen || config.isOpen) open(earlyOpen);
      emit('ready', { version: VERSION });
    };
    if (styles.sheet) ready();
    else styles.addEventListener('load', ready, { once: true });
    styles.addEventListener('error', () => {
      console.warn('assistant widget: could not load ' + cssUrl.href);
    }, { once: true });
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
