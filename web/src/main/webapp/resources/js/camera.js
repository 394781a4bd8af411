// Scanning QR codes with the phone's camera, for the gate scanner and the officers' attendance form. Decoding is
// jsQR's (resources/js/vendor/jsQR.js, Apache-2.0, served by the application: no network needed); the page loads it
// before this module.

/**
 * Opens the back camera in the video element and calls onCode with the text of each QR code it sees; the same
 * code is not reported twice within 3 seconds. Rejects when there is no camera or the user refuses it.
 */
export async function scanWithCamera(video, onCode) {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.hidden = false;
    await video.play();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = '';
    let lastAt = 0;
    const frame = () => {
        if (video.readyState === video.HAVE_ENOUGH_DATA) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            context.drawImage(video, 0, 0);
            const code = window.jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
            if (code && code.data && (code.data !== last || Date.now() - lastAt > 3000)) {
                last = code.data;
                lastAt = Date.now();
                onCode(code.data);
            }
        }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
}
