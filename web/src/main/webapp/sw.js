// Service worker of the verify page: once a certificate's page has been opened online, the page itself (and its
// script and styles) also open without a network, so gate staff and inspectors in the mountains can keep checking
// QR codes; the page then verifies offline (resources/js/verify.js). Everything else on the site passes through.
const CACHE = 'carbonsink-verify-v1';
const SHELL = '/v/';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

function handled(url) {
    return url.origin === self.location.origin && (url.pathname.startsWith('/v/')
        || url.pathname.startsWith('/resources/') || url.pathname.startsWith('/jakarta.faces.resource/'));
}

self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || !handled(url)) {
        return;
    }
    const page = url.pathname.startsWith('/v/');
    event.respondWith(fetch(event.request).then(response => {
        if (response.ok) {
            const copy = response.clone();
            // Any certificate's page serves as the offline shell for every other one: the script reads the payload
            // from the address and hides the details rendered for the other number.
            caches.open(CACHE).then(cache => cache.put(page ? SHELL : event.request, copy));
        }
        return response;
    }).catch(() => caches.open(CACHE).then(cache => cache.match(page ? SHELL : event.request))
        .then(cached => cached || Response.error())));
});
