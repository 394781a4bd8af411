// The verify page /v/{number}#payload: shows the verdict of the payload in the address, online or offline.
import { verify, refresh } from './verify.js';

const box = document.getElementById('verdict');
const api = box.dataset.api;

async function show() {
    if (!location.hash || location.hash.length < 2) {
        refresh(api).catch(() => {});
        return;
    }
    const verdict = await verify(location.href, api);
    box.className = 'verdict verdict-' + verdict.status;
    box.dataset.status = verdict.status;
    document.getElementById('verdict-text').textContent = box.dataset[verdict.status.toLowerCase()];
    document.getElementById('verdict-how').textContent = verdict.online ? box.dataset.online : box.dataset.offline;
    // The details below were rendered for the number in the address; hide them if the payload names another.
    const number = verdict.certificate ? verdict.certificate.number : verdict.payload && verdict.payload.number;
    const details = document.getElementById('details');
    const shown = document.getElementById('number');
    if (details && number && shown && shown.textContent !== number) {
        details.hidden = true;
    }
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
