// The citizen's attendance QR page: a fresh code every minute, while the page stays open.
setTimeout(function () { location.reload(); }, 60000);
