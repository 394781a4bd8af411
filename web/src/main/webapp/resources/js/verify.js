// Verifies certificate QR payloads (docs/CERTIFICATES.md) in the browser, also without a network: WebCrypto Ed25519
// against the public keys and the signed revocation list cached by the last online visit. The gate scanner uses
// the same module.
import { withCsrf } from './csrf.js';

const KEYS = 'carbonsink.keys';
const REVOCATIONS = 'carbonsink.revocations';
const KINDS = { R: 'RETIREMENT', D: 'PUBLIC_DUTY', H: 'PUBLIC_DUTY_HONOUR', J: 'RESTORATION', V: 'CARBON_NEUTRAL_VISIT' };
const EPOCH_DAY = Date.UTC(2020, 0, 1) / 86400000;

export function base64url(text) {
    const plain = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(plain + '='.repeat((4 - plain.length % 4) % 4));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}

export function hex(bytes) {
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** The payload of scanned text (a verify URL with #payload, or the bare payload); null when malformed. */
export function decode(scanned) {
    try {
        let text = String(scanned).trim();
        const hash = text.lastIndexOf('#');
        if (hash >= 0) {
            text = text.substring(hash + 1);
        }
        if (text.length < 20 || text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text)) {
            return null;
        }
        const all = base64url(text);
        // Base64 ignores the spare bits of the last character: only the canonical text was issued.
        const canonical = btoa(String.fromCharCode(...all)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') === text;
        if (all.length < 1 + 4 + 1 + 2 + 1 + 14 + 1 + 64 || all[0] !== 1) {
            return null;
        }
        const body = all.subarray(0, all.length - 64);
        let i = 1;
        const keyId = hex(body.subarray(i, i + 4)); i += 4;
        const kind = KINDS[String.fromCharCode(body[i++])];
        const days = (body[i] << 8) | body[i + 1]; i += 2;
        let quantity = 0;
        for (let shift = 0; ; shift += 7) {
            if (shift > 49 || i >= body.length) { return null; }
            const b = body[i++];
            quantity += (b & 0x7f) * 2 ** shift;
            if ((b & 0x80) === 0) { break; }
        }
        const number = new TextDecoder().decode(body.subarray(i, i + 14)); i += 14;
        const holderLength = body[i++];
        if (!kind || body.length - i !== holderLength) {
            return null;
        }
        const holder = new TextDecoder().decode(body.subarray(i));
        const issuedOn = new Date((EPOCH_DAY + days) * 86400000).toISOString().substring(0, 10);
        const formatted = number[0] + '-' + number.substring(1, 5) + '-' + number.substring(5, 9) + '-'
            + number.substring(9, 13) + '-' + number[13];
        return { keyId, kind, issuedOn, quantityKg: quantity, number: formatted, holder, body, canonical,
            signature: all.subarray(all.length - 64) };
    } catch (e) {
        return null;
    }
}

async function ed25519Verify(publicKeyBase64url, signature, message) {
    const key = await crypto.subtle.importKey('raw', base64url(publicKeyBase64url), { name: 'Ed25519' }, false, ['verify']);
    return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

/** Whether {@code signature} is the key {@code keyId}'s Ed25519 signature of {@code body}, by the cached keys. */
export async function signedBy(keyId, signature, body) {
    const keys = JSON.parse(localStorage.getItem(KEYS) || '[]');
    const key = keys.find(k => k.keyId === keyId);
    return !!key && ed25519Verify(key.publicKey, signature, body);
}

/** Fetches the public keys and the signed revocation list, and keeps them for offline use. */
export async function refresh(api) {
    const keys = await (await fetch(api + '/public/keys')).json();
    localStorage.setItem(KEYS, JSON.stringify(keys));
    const list = await (await fetch(api + '/public/revocations')).json();
    const signer = keys.find(k => k.keyId === list.keyId);
    const text = new TextEncoder().encode(list.generatedAt + '\n' + list.entries.join('\n'));
    if (signer && await ed25519Verify(signer.publicKey, base64url(list.signature), text)) {
        localStorage.setItem(REVOCATIONS, JSON.stringify(list));
    }
}

/** A certificate number as typed loosely (case, dashes, O as 0, I and L as 1), compact; docs/CERTIFICATES.md. */
export function compact(number) {
    return String(number).toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The address before the payload in scanned text ('' for a bare payload). */
function addressOf(scanned) {
    const text = String(scanned).trim();
    const hash = text.lastIndexOf('#');
    return hash >= 0 ? text.substring(0, hash) : '';
}

/** Whether the address, if any, ends in /v/{number} with the signed number (else the verdict is MISMATCH). */
export function namesNumber(scanned, number) {
    const address = addressOf(scanned);
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
    let segment = path.substring(v + 3).replace(/\/$/, '');
    try {
        segment = decodeURIComponent(segment);
    } catch (e) {
        return false;
    }
    return compact(segment) === compact(number);
}

/** Whether the address names another site than the public address (a look-alike site); a bare payload does not. */
export function foreignOrigin(scanned, publicUrl) {
    const address = addressOf(scanned);
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
 * The verdict from the cache alone: VALID, REVOKED, INVALID_SIGNATURE, MISMATCH or MALFORMED (UNKNOWN needs the
 * server), with foreignOrigin as the server answers it.
 */
export async function verifyOffline(scanned, publicUrl) {
    const foreign = foreignOrigin(scanned, publicUrl);
    const payload = decode(scanned);
    if (!payload) {
        return { status: 'MALFORMED', foreignOrigin: false };
    }
    if (!payload.canonical || !await signedBy(payload.keyId, payload.signature, payload.body)) {
        return { status: 'INVALID_SIGNATURE', payload, foreignOrigin: foreign };
    }
    if (!namesNumber(scanned, payload.number)) {
        return { status: 'MISMATCH', payload, foreignOrigin: foreign };
    }
    const list = JSON.parse(localStorage.getItem(REVOCATIONS) || '{"entries": []}');
    const revoked = list.entries.some(e => e.split(' ')[0] === payload.number);
    return { status: revoked ? 'REVOKED' : 'VALID', payload, listGeneratedAt: list.generatedAt, foreignOrigin: foreign };
}

/** Online when the server answers, else offline; says which. */
export async function verify(scanned, api, publicUrl) {
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
    return { ...(await verifyOffline(scanned, publicUrl)), online: false };
}
