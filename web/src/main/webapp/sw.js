// Service worker of the verify page and the gate scanner: once opened online, these pages (and their scripts and
// styles) also open without a network, so gate staff and inspectors in the mountains can keep checking QR codes;
// the pages then decide offline (resources/js/verify.js, gate.js). Everything else on the site passes through.
const CACHE = 'carbonsink-offline-v2';
const SHELL = '/v/';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

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
    const key = page ? SHELL : url.pathname === '/site/scan.xhtml' ? '/site/scan.xhtml' : event.request;
    event.respondWith(fetch(event.request).then(response => {
        // A redirect (to the login page) is not the page: never keep it in its place.
        if (response.ok && !response.redirected) {
            const copy = response.clone();
            // Any certificate's page serves as the offline shell for every other one: the script reads the payload
            // from the address and hides the details rendered for the other number.
            caches.open(CACHE).then(cache => cache.put(key, copy));
        }
        return response;
    }).catch(() => caches.open(CACHE).then(cache => cache.match(key))
        .then(cached => cached || Response.error())));
});
