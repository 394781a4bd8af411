// The officers' attendance form (/officer/events): the camera reads a citizen's attendance QR code into the form
// and sends it at once when an event is chosen; the page comes back with the same event, ready for the next citizen.
import { scanWithCamera } from './camera.js';

const box = document.getElementById('attend-camera');
const status = document.getElementById('camera-status');

document.getElementById('camera-start').addEventListener('click', () =>
    scanWithCamera(document.getElementById('camera'), code => {
        document.getElementById('attend:citizenQr').value = code;
        const event = document.getElementById('attend:eventId');
        if (event.value) {
            document.getElementById('attend:submit').click();
        } else {
            event.focus();
        }
    }).catch(() => { status.textContent = box.dataset.cameraError; }));
