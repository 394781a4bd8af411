// Live previews without a widget library: a control marked data-render sends its form's named fields (data-execute,
// else the control itself) with Faces Ajax whenever its value changes, and the server renders the fragments named in
// data-render (the booking's footprint, a restoration order's carbon loss). data-live-input also sends while typing,
// 300 ms after the last key. Listeners sit on the document, so controls re-rendered by an update keep working.
const TYPING_PAUSE_MS = 300;
const timers = new WeakMap();

function send(control, event) {
    window.faces.ajax.request(control, event, {
        execute: control.dataset.execute || control.id,
        render: control.dataset.render
    });
}

document.addEventListener('change', event => {
    const control = event.target.closest('[data-render]');
    if (control) {
        clearTimeout(timers.get(control));
        send(control, event);
    }
});

document.addEventListener('input', event => {
    const control = event.target.closest('[data-render][data-live-input]');
    if (control) {
        clearTimeout(timers.get(control));
        timers.set(control, setTimeout(() => send(control, event), TYPING_PAUSE_MS));
    }
});
