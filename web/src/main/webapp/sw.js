// Service worker of the verify page and the gate scanner: once opened online, these pages (and their scripts and
// styles) also open without a network, so gate staff and inspectors in the mountains can keep checking QR codes;
// the pages then decide offline (resources/js/verify.js, gate.js). Everything else on the site passes through.
const CACHE = 'carbonsink-offline-v3';
// The last verify page fetched, whatever its number: the offline shell for a number never fetched. Its script sees
// that the page was rendered for another number and verifies only the signed payload in the address, if any.
const SHELL = '/v/';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(
    caches.keys().then(names => Promise.all(names.filter(n => n !== CACHE).map(n => caches.delete(n))))
        .then(() => self.clients.claim())));

function handled(url) {
    return url.origin === self.location.origin && (url.pathname.startsWith('/v/') || url.pathname === '/site/scan.xhtml'
        || url.pathname.startsWith('/resources/') || url.pathname.startsWith('/jakarta.faces.resource/'));
}

self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || !handled(url)) {
        return;
    }
    const page = url.pathname.startsWith('/v/');
    // A verify page is kept under its own number: offline, a number's page is its own answer (which says when it
    // was fetched) or the shell, never another number's answer in its place.
    const key = page ? url.pathname : url.pathname === '/site/scan.xhtml' ? '/site/scan.xhtml' : event.request;
    event.respondWith(fetch(event.request).then(response => {
        // A redirect (to the login page) is not the page: never keep it in its place.
        if (response.ok && !response.redirected) {
            const copy = response.clone();
            const shell = page ? response.clone() : null;
            caches.open(CACHE).then(cache => Promise.all([cache.put(key, copy), shell && cache.put(SHELL, shell)]));
        }
        return response;
    }).catch(() => caches.open(CACHE).then(cache => cache.match(key)
        .then(cached => cached || (page ? cache.match(SHELL) : undefined)))
        .then(cached => cached || Response.error())));
});
