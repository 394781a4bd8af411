// Fills a planting form's latitude and longitude from the phone's position (asked only when the button is pressed).
(function () {
    var button = document.getElementById('locate');
    if (!button || !navigator.geolocation) {
        if (button) { button.hidden = true; }
        return;
    }
    button.addEventListener('click', function () {
        navigator.geolocation.getCurrentPosition(function (position) {
            document.getElementById(button.dataset.lat).value = position.coords.latitude.toFixed(6);
            document.getElementById(button.dataset.lon).value = position.coords.longitude.toFixed(6);
        }, function () { button.disabled = true; }, {enableHighAccuracy: true, timeout: 20000});
    });
})();
