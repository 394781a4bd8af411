// The verify page /v/{number}#payload: shows the verdict of the payload in the address, online or offline. The
// number in the address must be the one the payload signs (else MISMATCH), and a page or QR code at another address
// than the official one is flagged. Offline, the page may be the service worker's copy of another number's page:
// without a payload it then says it cannot verify, never that other number's verdict.
import { verify, refresh, compact, DEFAULT_MAX_AGE_MS } from './verify.js';

const box = document.getElementById('verdict');
const api = box.dataset.api;
const publicUrl = box.dataset.publicUrl;
const maxAgeMs = Number(box.dataset.maxAgeHours) > 0 ? Number(box.dataset.maxAgeHours) * 3600000 : DEFAULT_MAX_AGE_MS;

/** A moment as people here read it: China Standard Time, to the minute. */
function when(iso) {
    return new Date(iso).toLocaleString(document.documentElement.lang || 'zh-CN', { timeZone: 'Asia/Shanghai',
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** When and why a certificate was revoked, from the server's answer or the signed list. */
function revocation(verdict) {
    const at = verdict.certificate ? verdict.certificate.revokedAt : verdict.revokedAt;
    const why = verdict.certificate ? verdict.certificate.revocationReason : verdict.reason;
    return at ? ' · ' + box.dataset.revokedAt + ' ' + when(at) + (why ? ' · ' + why : '') : '';
}

/** Offline, how old the revocation list behind the verdict is, and a warning when it is older than the limit. */
function freshness(verdict) {
    const age = document.getElementById('list-age');
    const stale = document.getElementById('stale-warning');
    const signed = !verdict.online && 'stale' in verdict;
    age.hidden = !signed || !verdict.listGeneratedAt;
    stale.hidden = !signed || !verdict.stale;
    if (!age.hidden) {
        const hours = Math.max(0, Math.floor(verdict.listAgeMs / 3600000));
        age.textContent = box.dataset.listFrom + ' ' + when(verdict.listGeneratedAt) + ' · ' + box.dataset.listAge
            .replace('{0}', hours);
    }
    if (!stale.hidden) {
        stale.textContent = verdict.listGeneratedAt ? box.dataset.stale.replace('{0}', Math.round(maxAgeMs / 3600000))
            : box.dataset.noList;
    }
}

function pathNumber() {
    const path = location.pathname;
    try {
        return decodeURIComponent(path.substring(path.lastIndexOf('/v/') + 3));
    } catch (e) {
        return path;
    }
}

function pageIsForeign() {
    try {
        return location.origin !== new URL(publicUrl).origin;
    } catch (e) {
        return true;
    }
}

function warn(foreign) {
    document.getElementById('foreign-warning').hidden = !foreign;
}

function setVerdict(status, text, how) {
    box.className = 'verdict verdict-' + status;
    box.dataset.status = status;
    document.getElementById('verdict-text').textContent = text;
    document.getElementById('verdict-how').textContent = how;
}

function showDetails(visible) {
    const details = document.getElementById('details');
    if (details) {
        details.hidden = !visible;
    }
}

/** No payload and no network: this page's own answer says how old it is; another number's page says nothing. */
function offlineWithoutPayload() {
    if (compact(box.dataset.number || '') === compact(pathNumber())) {
        document.getElementById('verdict-how').textContent = box.dataset.fetched;
        return;
    }
    setVerdict('OFFLINE', box.dataset.offlineNoQr, box.dataset.offlineNoQrHow);
    showDetails(false);
}

async function show() {
    if (!location.hash || location.hash.length < 2) {
        warn(pageIsForeign());
        try {
            await refresh(api);
        } catch (networkGone) {
            offlineWithoutPayload();
        }
        return;
    }
    const verdict = await verify(location.href, api, publicUrl, maxAgeMs);
    setVerdict(verdict.status, box.dataset[verdict.status.toLowerCase()],
        (verdict.online ? box.dataset.online : box.dataset.offline)
        + (verdict.status === 'REVOKED' ? revocation(verdict) : ''));
    freshness(verdict);
    warn(verdict.foreignOrigin || pageIsForeign());
    // The details below were rendered for the number in the address: shown only for a verdict about that number.
    const number = verdict.certificate ? verdict.certificate.number : verdict.payload && verdict.payload.number;
    const shown = document.getElementById('number');
    showDetails(['VALID', 'REVOKED'].includes(verdict.status) && !!number && !!shown && shown.textContent === number);
    // Offline, what the signed payload itself says.
    const summary = document.getElementById('payload-summary');
    summary.hidden = verdict.online || !verdict.payload;
    if (!summary.hidden) {
        const p = verdict.payload;
        summary.textContent = p.number + ' · ' + p.holder + ' · ' + p.quantityKg + ' kg CO2e · ' + p.issuedOn;
    }
}

window.addEventListener('hashchange', show);
show();
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
}
