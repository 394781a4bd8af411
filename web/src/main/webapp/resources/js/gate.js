// The gate scanner (/site/scan): checks e-tickets online, and without a network decides alone from what it
// downloaded (public keys, the day's bookings of its site), queueing the check-ins it admitted and sending them when
// the network returns; the server then reports a ticket used at two gates. Ticket format: docs/CERTIFICATES.md.
import { scanWithCamera } from './camera.js';
import { withCsrf } from './csrf.js';
import { base64url, foreignOrigin, hex, refresh, signedBy } from './verify.js';

const app = document.getElementById('gate-app');
const api = app.dataset.api;
const DAY = 'carbonsink.gate.day';
const QUEUE = 'carbonsink.gate.queue';
const GATE = 'carbonsink.gate.name';
const SKEW = 'carbonsink.gate.skew';

/** The server's time as this device last learnt it: a gate phone's own clock may be wrong. */
function now() {
    return Date.now() + Number(localStorage.getItem(SKEW) || 0);
}

const gateInput = document.getElementById('gate-name');
gateInput.value = localStorage.getItem(GATE) || gateInput.value;
gateInput.addEventListener('change', () => localStorage.setItem(GATE, gateInput.value.trim()));

function queue() {
    return JSON.parse(localStorage.getItem(QUEUE) || '[]');
}

function status(text) {
    document.getElementById('network').textContent = text + ' · ' + app.dataset.queued + ' ' + queue().length;
}

/** A ticket payload (version 2), or null. */
export function decodeTicket(scanned) {
    try {
        let text = String(scanned).trim();
        const hash = text.lastIndexOf('#');
        if (hash >= 0) {
            text = text.substring(hash + 1);
        }
        if (text.length < 100 || text.length > 300 || !/^[A-Za-z0-9_-]+$/.test(text)) {
            return null;
        }
        const all = base64url(text);
        if (all[0] !== 2) {
            return null;
        }
        const body = all.subarray(0, all.length - 64);
        const ascii = (from, to) => String.fromCharCode(...body.subarray(from, to));
        const number = n => n[0] + '-' + n.substring(1, 5) + '-' + n.substring(5, 9) + '-' + n.substring(9, 13) + '-' + n[13];
        let i = 1;
        const keyId = hex(body.subarray(i, i + 4)); i += 4;
        const bookingNo = number(ascii(i, i + 14)); i += 14;
        const certificateNo = number(ascii(i, i + 14)); i += 14;
        const siteLength = body[i++];
        const site = ascii(i, i + siteLength); i += siteLength;
        const minutes = ((body[i] << 24) >>> 0) + (body[i + 1] << 16) + (body[i + 2] << 8) + body[i + 3]; i += 4;
        const duration = (body[i] << 8) | body[i + 1]; i += 2;
        const party = body[i++];
        if (i !== body.length) {
            return null;
        }
        const start = Date.UTC(2020, 0, 1) + minutes * 60000;
        return { keyId, bookingNo, certificateNo, site, start, end: start + duration * 60000, party, body,
            signature: all.subarray(all.length - 64) };
    } catch (e) {
        return null;
    }
}

/** The verdict without the server: signature, site, window, the downloaded bookings and this scanner's queue. */
async function checkOffline(qr, gate) {
    const t = decodeTicket(qr);
    if (!t || !await signedBy(t.keyId, t.signature, t.body)) {
        return { result: 'INVALID_SIGNATURE' };
    }
    const day = JSON.parse(localStorage.getItem(DAY) || '{"bookings": []}');
    const named = (day.sites || []).find(s => s.code === t.site) || {};
    const verdict = { bookingNo: t.bookingNo, partySize: t.party, site: t.site, siteNameZh: named.nameZh,
        siteNameEn: named.nameEn, slot: { start: new Date(t.start).toISOString(), end: new Date(t.end).toISOString() } };
    if (t.site !== app.dataset.site) {
        return { ...verdict, result: 'WRONG_SITE' };
    }
    const at = now();
    const entryFrom = t.start - (day.earlyMinutes ?? 30) * 60000;
    if (at < entryFrom) {
        return { ...verdict, result: 'NOT_YET_VALID', entryFrom: new Date(entryFrom).toISOString() };
    }
    if (at > t.end + (day.lateMinutes ?? 30) * 60000) {
        return { ...verdict, result: 'EXPIRED' };
    }
    const known = day.bookings.find(b => b.bookingNo === t.bookingNo);
    if (known && known.status === 'CANCELLED') {
        return { ...verdict, result: 'CANCELLED' };
    }
    const queued = queue().find(q => q.bookingNo === t.bookingNo);
    const first = (known && known.checkedIn) || (queued && { at: queued.scannedAt, gate: queued.gate });
    if (first) {
        return { ...verdict, result: 'ALREADY_CHECKED_IN', firstCheckIn: first };
    }
    localStorage.setItem(QUEUE, JSON.stringify([...queue(), { qr, gate, scannedAt: new Date(at).toISOString(),
        bookingNo: t.bookingNo, nonce: scanNonce() }]));
    return { ...verdict, result: 'ADMITTED' };
}

/** The scan's own id, sent with it: the server recognises a batch sent again after its answer was lost. */
function scanNonce() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/** A moment as the gate reads it: China Standard Time, to the minute. */
function when(iso) {
    return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

function show(verdict, online) {
    const box = document.getElementById('verdict');
    box.className = 'verdict verdict-' + verdict.result;
    box.dataset.result = verdict.result;
    document.getElementById('verdict-text').textContent = document.getElementById('text-' + verdict.result).textContent;
    let how = online ? app.dataset.online : app.dataset.offline;
    if (verdict.partySize) {
        how += ' · ' + app.dataset.party + ' ' + verdict.partySize;
    }
    if (verdict.firstCheckIn) {
        how += ' · ' + app.dataset.first + ' ' + verdict.firstCheckIn.gate + ' ' + when(verdict.firstCheckIn.at);
    }
    // What the visitor needs told: when entry opens, or which site and slot the ticket is for.
    if (verdict.result === 'NOT_YET_VALID' && verdict.entryFrom) {
        how += ' · ' + app.dataset.opens + ' ' + when(verdict.entryFrom);
    }
    if (verdict.result === 'WRONG_SITE' && verdict.slot) {
        const name = document.documentElement.lang === 'en' ? verdict.siteNameEn : verdict.siteNameZh;
        how += ' · ' + app.dataset.ticketFor + ' ' + (name ? name + ' (' + verdict.site + ')' : verdict.site) + ' '
            + when(verdict.slot.start) + '–' + when(verdict.slot.end).slice(-5);
    }
    document.getElementById('verdict-how').textContent = how;
    status(online ? app.dataset.online : app.dataset.offline);
}

async function check(qr) {
    const gate = gateInput.value.trim() || '1';
    // A code that wraps the ticket in another site's address was not issued here: warn, whatever the verdict.
    document.getElementById('foreign-warning').hidden = !foreignOrigin(qr, app.dataset.publicUrl);
    try {
        const response = await fetch(api + '/site/check-ins', { method: 'POST', credentials: 'same-origin',
            headers: withCsrf({ 'Content-Type': 'application/json' }), body: JSON.stringify({ qr, gate }) });
        if ([200, 409, 422].includes(response.status)) {
            const verdict = await response.json();
            if (verdict.result) {
                show(verdict, true);
                return;
            }
        }
    } catch (networkGone) {
        // decide alone
    }
    show(await checkOffline(qr, gate), false);
}

/** Sends the queued check-ins; the server's answers replace the local ones (a conflict shows on the dashboard). */
async function sync() {
    const pending = queue();
    if (pending.length === 0) {
        return;
    }
    try {
        const response = await fetch(api + '/site/check-ins/sync', { method: 'POST', credentials: 'same-origin',
            headers: withCsrf({ 'Content-Type': 'application/json' }),
            body: JSON.stringify({ scans: pending.map(({ qr, gate, scannedAt, nonce }) => ({ qr, gate, scannedAt, nonce })) }) });
        if (response.ok) {
            const results = await response.json();
            const sent = new Set(pending.map(p => p.scannedAt + p.bookingNo));
            localStorage.setItem(QUEUE, JSON.stringify(queue().filter(q => !sent.has(q.scannedAt + q.bookingNo))));
            status(app.dataset.synced + ' ' + results.length);
            download();
        }
    } catch (networkGone) {
        // next time
    }
}

/** Keys, revocations and the day's bookings, for deciding without a network. */
async function download() {
    try {
        const response = await fetch(api + '/site/offline-data', { credentials: 'same-origin' });
        if (response.ok) {
            const day = await response.json();
            localStorage.setItem(DAY, JSON.stringify(day));
            localStorage.setItem(SKEW, String(Date.parse(day.generatedAt) - Date.now()));
        }
        await refresh(api);
        status(app.dataset.online);
    } catch (networkGone) {
        status(app.dataset.offline);
    }
}

document.getElementById('manual').addEventListener('submit', event => {
    event.preventDefault();
    const qr = document.getElementById('manual-qr').value.trim();
    if (qr) {
        check(qr);
        document.getElementById('manual-qr').value = '';
    }
});
document.getElementById('sync').addEventListener('click', sync);
window.addEventListener('online', sync);
setInterval(() => navigator.onLine && sync(), 15000);

document.getElementById('camera-start').addEventListener('click', () =>
    scanWithCamera(document.getElementById('camera'), check).catch(() => status(app.dataset.cameraError)));

if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
}
download().then(sync);
