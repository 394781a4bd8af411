// Verifies certificate QR payloads (docs/CERTIFICATES.md) in the browser, also without a network: WebCrypto Ed25519
// against the public keys and the signed revocation list cached by the last online visit. The rules, their order and
// the verdicts are the server's (OfflineVerifier, CertificateService), held to the same test vectors
// (docs/certificate-test-vectors.json). The gate scanner uses the same module.
import { withCsrf } from './csrf.js';

const KEYS = 'carbonsink.keys';
const REVOCATIONS = 'carbonsink.revocations';
const KINDS = { R: 'RETIREMENT', D: 'PUBLIC_DUTY', H: 'PUBLIC_DUTY_HONOUR', J: 'RESTORATION', V: 'CARBON_NEUTRAL_VISIT' };
const EPOCH_DAY = Date.UTC(2020, 0, 1) / 86400000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The default limit of a revocation list's age (24 hours), after which verdicts warn that it is stale. */
export const DEFAULT_MAX_AGE_MS = 24 * 3600 * 1000;

export function base64url(text) {
    const plain = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(plain + '='.repeat((4 - plain.length % 4) % 4));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}

function toBase64url(bytes) {
    let binary = '';
    for (const b of bytes) {
        binary += String.fromCharCode(b);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hex(bytes) {
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Java's String.trim(): only characters up to U+0020, so both verifiers cut scanned text alike. */
function trim(text) {
    return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Scanned text cut at its payload: after the last '#', or after the last 'p=' of a URL; else all of it. */
export function parts(scanned) {
    const text = trim(String(scanned));
    const hash = text.lastIndexOf('#');
    if (hash >= 0) {
        return { address: text.substring(0, hash), payload: text.substring(hash + 1) };
    }
    const query = text.lastIndexOf('p=');
    if (query >= 0 && text.includes('://')) {
        const before = text.substring(0, query);
        const question = before.lastIndexOf('?');
        return { address: question >= 0 ? before.substring(0, question) : before, payload: text.substring(query + 2) };
    }
    return { address: '', payload: text };
}

/** Luhn mod 32 (docs/CERTIFICATES.md): from the right, the last character before the check doubled first. */
export function checkCharacter(body) {
    let factor = 2;
    let sum = 0;
    for (let i = body.length - 1; i >= 0; i--) {
        const addend = factor * ALPHABET.indexOf(body[i]);
        factor = factor === 2 ? 1 : 2;
        sum += Math.floor(addend / 32) + addend % 32;
    }
    return ALPHABET[(32 - sum % 32) % 32];
}

/** A certificate number as typed loosely (case, dashes, spaces, O as 0, I and L as 1), dashed; null when invalid. */
export function normalizeNumber(text) {
    if (text == null || String(text).length > 40) {
        return null;
    }
    const c = trim(String(text)).toUpperCase().replace(/[- ]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    if (c.length !== 14 || !KINDS[c[0]] || !/^\d{4}$/.test(c.substring(1, 5))
        || [...c.substring(5)].some(ch => ALPHABET.indexOf(ch) < 0) || checkCharacter(c.substring(0, 13)) !== c[13]) {
        return null;
    }
    return c[0] + '-' + c.substring(1, 5) + '-' + c.substring(5, 9) + '-' + c.substring(9, 13) + '-' + c[13];
}

/** Compact form for comparisons. */
export function compact(number) {
    return String(number).toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The payload of payload text; null when malformed (the rules of QrPayload.decode). */
function decodePayload(raw) {
    const text = trim(raw);
    if (text.length < 20 || text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) {
        return null;
    }
    const all = base64url(text);
    if (all.length < 1 + 4 + 1 + 2 + 1 + 14 + 1 + 64 || all[0] !== 1) {
        return null;
    }
    // Base64 ignores the spare bits of the last character: only the canonical text was issued.
    const canonical = toBase64url(all) === text;
    const body = all.subarray(0, all.length - 64);
    let i = 1;
    const keyId = hex(body.subarray(i, i + 4)); i += 4;
    const letter = String.fromCharCode(body[i++]);
    const kind = KINDS[letter];
    const days = (body[i] << 8) | body[i + 1]; i += 2;
    let quantity = 0n;
    for (let shift = 0; ; shift += 7) {
        if (shift > 56 || i >= body.length) { return null; }
        const b = body[i++];
        if (b === 0 && shift > 0) { return null; } // not minimal LEB128
        quantity |= BigInt(b & 0x7f) << BigInt(shift);
        if ((b & 0x80) === 0) { break; }
    }
    if (i + 15 > body.length) { return null; }
    const compactNumber = String.fromCharCode(...body.subarray(i, i + 14)); i += 14;
    const holderLength = body[i++];
    if (!kind || holderLength > 60 || body.length - i !== holderLength) {
        return null;
    }
    const number = normalizeNumber(compactNumber);
    if (!number || number.replace(/-/g, '') !== compactNumber || compactNumber[0] !== letter) {
        return null;
    }
    let holder;
    try {
        holder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body.subarray(i));
    } catch (notUtf8) {
        return null;
    }
    const issuedOn = new Date((EPOCH_DAY + days) * 86400000).toISOString().substring(0, 10);
    const quantityKg = quantity <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(quantity) : quantity.toString();
    return { keyId, kind, issuedOn, quantityKg, number, holder, body, canonical, signature: all.subarray(all.length - 64) };
}

/** The payload of scanned text (a verify URL with #payload, or the bare payload); null when malformed. */
export function decode(scanned) {
    try {
        if (scanned == null || String(scanned).length > 2000) {
            return null;
        }
        return decodePayload(parts(scanned).payload);
    } catch (e) {
        return null;
    }
}

/** noble-ed25519, loaded on first need: only where the browser's WebCrypto has no Ed25519 (WeChat's browser). */
let fallback = null;

/**
 * Pure Ed25519 (RFC 8032) in WebCrypto; where the browser refuses Ed25519 there, the same check in JavaScript with
 * noble-ed25519 (served by this site, resources/js/vendor), strict as RFC 8032 and the server are (no ZIP-215).
 */
async function ed25519Verify(publicKeyBase64url, signature, message) {
    const publicKey = base64url(publicKeyBase64url);
    try {
        const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
        return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
    } catch (noEd25519) {
        fallback = fallback || import('./vendor/noble-ed25519.js').catch(notLoaded => {
            fallback = null; // offline before it was ever fetched: try again next time
            throw notLoaded;
        });
        const ed = await fallback;
        try {
            return await ed.verifyAsync(signature, message, publicKey, { zip215: false });
        } catch (notAKeyOrSignature) {
            return false; // a key or signature of the wrong length, as WebCrypto answers it
        }
    }
}

function cachedKeys() {
    return JSON.parse(localStorage.getItem(KEYS) || '[]');
}

/** Whether {@code signature} is the key {@code keyId}'s Ed25519 signature of {@code body}, by the cached keys. */
export async function signedBy(keyId, signature, body, keys = cachedKeys()) {
    const key = keys.find(k => k.keyId === keyId);
    return !!key && ed25519Verify(key.publicKey, signature, body);
}

/** An instant as the revocation list writes it (UTC, three fraction digits), in milliseconds; NaN otherwise. */
export function parseTime(text) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) {
        return NaN;
    }
    const ms = Date.parse(text);
    return !Number.isNaN(ms) && new Date(ms).toISOString() === text ? ms : NaN;
}

const ENTRY = /^([A-Z]-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (.*)$/s;

/** The revocation list a signed text says (the rules of RevocationList.parse); null when it is not one. */
export function parseList(text) {
    if (typeof text !== 'string' || !text.endsWith('\n')) {
        return null;
    }
    const lines = text.slice(0, -1).split('\n');
    if (lines.length < 4 || lines[0] !== 'carbonsink-revocations 2' || !/^sequence (0|[1-9]\d{0,17})$/.test(lines[1])
        || !lines[3].startsWith('generated ')) {
        return null;
    }
    const sequence = BigInt(lines[1].substring('sequence '.length));
    let kind;
    let since = null;
    if (lines[2] === 'kind FULL') {
        kind = 'FULL';
    } else if (lines[2].startsWith('kind DELTA ') && !Number.isNaN(parseTime(lines[2].substring('kind DELTA '.length)))) {
        kind = 'DELTA';
        since = lines[2].substring('kind DELTA '.length);
    } else {
        return null;
    }
    const generatedAt = lines[3].substring('generated '.length);
    if (Number.isNaN(parseTime(generatedAt))) {
        return null;
    }
    const entries = [];
    for (const line of lines.slice(4)) {
        const m = ENTRY.exec(line);
        if (!m || Number.isNaN(parseTime(m[2])) || (since !== null && parseTime(m[2]) < parseTime(since))) {
            return null;
        }
        entries.push({ number: m[1], revokedAt: m[2], reason: m[3] });
    }
    if ((kind === 'FULL' && BigInt(entries.length) !== sequence) || BigInt(entries.length) > sequence) {
        return null;
    }
    return { sequence, kind, since, generatedAt, entries, text };
}

/** The signed list a download holds, if its signature by a known key verifies over its text; else null. */
async function signedList(keys, downloaded) {
    if (!downloaded || typeof downloaded.text !== 'string' || typeof downloaded.signature !== 'string') {
        return null;
    }
    let signature;
    try {
        signature = base64url(downloaded.signature);
    } catch (e) {
        return null;
    }
    if (!await signedBy(downloaded.keyId, signature, new TextEncoder().encode(downloaded.text), keys)) {
        return null;
    }
    return parseList(downloaded.text);
}

/** Whether {@code list} goes back on {@code held} (a lower sequence or an earlier time): an old list replayed. */
function goesBack(list, held) {
    return !!held && (list.sequence < held.sequence || parseTime(list.generatedAt) < parseTime(held.generatedAt));
}

/**
 * A downloaded list ({keyId, text, signature}) if it is one to hold: signed by a known key over its text, a FULL
 * list of this format, and not going back on {@code held} (a lower sequence or an earlier time); else null.
 */
export async function acceptList(keys, downloaded, held) {
    const list = await signedList(keys, downloaded);
    return list && list.kind === 'FULL' && !goesBack(list, held) ? list : null;
}

/**
 * The held FULL list brought up to date by a downloaded DELTA list, as docs/CERTIFICATES.md allows: the DELTA is
 * signed by a known key, starts no later than the held list was generated (so no revocation falls between them),
 * does not go back on it, and the merged entries are exactly its sequence (else something is missing: null, and
 * the verifier fetches the FULL list). The result is a FULL list as of the DELTA's time, oldest entry first.
 */
export async function mergeDelta(keys, downloaded, held) {
    const delta = await signedList(keys, downloaded);
    if (!held || held.kind !== 'FULL' || !delta || delta.kind !== 'DELTA' || goesBack(delta, held)
        || parseTime(delta.since) > parseTime(held.generatedAt)) {
        return null;
    }
    const byNumber = new Map(held.entries.map(e => [e.number, e]));
    delta.entries.forEach(e => byNumber.set(e.number, e));
    const entries = [...byNumber.values()].sort((a, b) => parseTime(a.revokedAt) - parseTime(b.revokedAt));
    if (BigInt(entries.length) !== delta.sequence) {
        return null;
    }
    return { sequence: delta.sequence, kind: 'FULL', since: null, generatedAt: delta.generatedAt, entries };
}

/** The list held for offline use (checked when it was stored), or null. */
function heldList() {
    try {
        const stored = JSON.parse(localStorage.getItem(REVOCATIONS) || 'null');
        if (stored && stored.merged) {
            return { ...stored.merged, sequence: BigInt(stored.merged.sequence) };
        }
        return stored && parseList(stored.text);
    } catch (e) {
        return null;
    }
}

function keep(list) {
    localStorage.setItem(REVOCATIONS, JSON.stringify({ merged: { ...list, sequence: String(list.sequence) } }));
}

/**
 * Fetches the public keys and the signed revocation list, and keeps them for offline use: with a list held, only
 * the revocations since it was generated (a DELTA list, merged onto it); the FULL list when there is none or the
 * DELTA does not fit.
 */
export async function refresh(api) {
    const keys = await (await fetch(api + '/public/keys')).json();
    localStorage.setItem(KEYS, JSON.stringify(keys));
    const held = heldList();
    if (held) {
        const delta = await (await fetch(api + '/public/revocations?since=' + encodeURIComponent(held.generatedAt)))
            .json();
        const merged = await mergeDelta(keys, delta, held);
        if (merged) {
            keep(merged);
            return;
        }
    }
    const full = await acceptList(keys, await (await fetch(api + '/public/revocations')).json(), held);
    if (full) {
        keep(full);
    }
}

/** Whether the address, if any, ends in /v/{number} with the signed number (else the verdict is MISMATCH). */
export function namesNumber(scanned, number) {
    const address = parts(scanned).address;
    if (!address) {
        return true;
    }
    let path = address;
    const scheme = address.indexOf('://');
    if (scheme >= 0) {
        const rest = address.substring(scheme + 3);
        const slash = rest.indexOf('/');
        path = slash < 0 ? '' : rest.substring(slash);
    }
    path = path.split('?')[0];
    const v = path.lastIndexOf('/v/');
    if (v < 0) {
        return false;
    }
    const segment = path.substring(v + 3).replace(/\/$/, '');
    return normalizeNumber(segment) === number;
}

/** Whether the address names another site than the public address (a look-alike site); a bare payload does not. */
export function foreignOrigin(scanned, publicUrl) {
    const address = parts(scanned).address;
    if (!address.includes('://')) {
        return false;
    }
    try {
        const url = new URL(address);
        return url.username !== '' || url.password !== '' || url.origin !== new URL(publicUrl).origin;
    } catch (e) {
        return true;
    }
}

/**
 * The verdict from what is held, without the server (OfflineVerifier's rules and order): MALFORMED,
 * INVALID_SIGNATURE (also a non-canonical text), UNKNOWN_KEY, MISMATCH, REVOKED (with revokedAt and reason) or
 * VALID; UNKNOWN needs the server. With a verified signature: the list's time, its age and whether it is stale
 * (none held, or older than {@code maxAgeMs}).
 * @param held {keys: [{keyId, publicKey}], list: a parsed list or null, now: ms, maxAgeMs, publicUrl}
 */
export async function verifyWith(scanned, held) {
    const payload = decode(scanned);
    if (!payload) {
        return { status: 'MALFORMED', foreignOrigin: false };
    }
    const foreign = foreignOrigin(scanned, held.publicUrl);
    if (!payload.canonical) {
        return { status: 'INVALID_SIGNATURE', payload, foreignOrigin: foreign };
    }
    if (!held.keys.some(k => k.keyId === payload.keyId)) {
        return { status: 'UNKNOWN_KEY', payload, foreignOrigin: foreign };
    }
    if (!await signedBy(payload.keyId, payload.signature, payload.body, held.keys)) {
        return { status: 'INVALID_SIGNATURE', payload, foreignOrigin: foreign };
    }
    const list = held.list;
    const listAgeMs = list ? held.now - parseTime(list.generatedAt) : null;
    const freshness = { listGeneratedAt: list ? list.generatedAt : null, listAgeMs,
        stale: !list || listAgeMs > (held.maxAgeMs ?? DEFAULT_MAX_AGE_MS) };
    if (!namesNumber(scanned, payload.number)) {
        return { status: 'MISMATCH', payload, foreignOrigin: foreign, ...freshness };
    }
    const revocation = list && list.entries.find(e => e.number === payload.number);
    if (revocation) {
        return { status: 'REVOKED', payload, foreignOrigin: foreign, revokedAt: revocation.revokedAt,
            reason: revocation.reason, ...freshness };
    }
    return { status: 'VALID', payload, foreignOrigin: foreign, ...freshness };
}

/** The verdict from the cache of the last online visit. */
export async function verifyOffline(scanned, publicUrl, maxAgeMs = DEFAULT_MAX_AGE_MS) {
    return verifyWith(scanned, { keys: cachedKeys(), list: heldList(), now: Date.now(), maxAgeMs, publicUrl });
}

/** Online when the server answers, else offline; says which. */
export async function verify(scanned, api, publicUrl, maxAgeMs = DEFAULT_MAX_AGE_MS) {
    try {
        const response = await fetch(api + '/public/verifications', {
            method: 'POST', headers: withCsrf({ 'Content-Type': 'application/json' }), body: JSON.stringify({ qr: scanned })
        });
        if (response.ok) {
            const verdict = await response.json();
            refresh(api).catch(() => {});
            return { ...verdict, online: true };
        }
    } catch (networkGone) {
        // fall through to the cache
    }
    return { ...(await verifyOffline(scanned, publicUrl, maxAgeMs)), online: false };
}
