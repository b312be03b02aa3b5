// Heritage player: links to a moment (#t=12.5) move the video there instead of reloading the page.
(function () {
  var video = document.getElementById("lecteur");
  if (!video) return;
  function seek(seconds) {
    video.currentTime = seconds;
    video.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-seek]");
    if (!link) return;
    event.preventDefault();
    seek(parseFloat(link.getAttribute("data-seek")));
  });
  var match = /^#t=([0-9.]+)$/.exec(window.location.hash);
  if (match) video.addEventListener("loadedmetadata", function () { seek(parseFloat(match[1])); }, { once: true });
})();
