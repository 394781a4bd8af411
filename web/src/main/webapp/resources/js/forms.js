// PrimeFaces checks that a form posted on a page with view-scoped state carries the page's CSP nonce
// ("primefaces.nonce"); its own script used to add it, and pages no longer load that script. This adds the nonce,
// the one this script was given by the page, to every form of the page.
(function () {
    var nonce = document.currentScript && document.currentScript.nonce;
    if (!nonce) {
        return;
    }
    document.querySelectorAll('form').forEach(function (form) {
        if (!form.querySelector('input[name="primefaces.nonce"]')) {
            var input = document.createElement('input');
            input.type = 'hidden';
            input.name = 'primefaces.nonce';
            input.value = nonce;
            form.appendChild(input);
        }
    });
})();
