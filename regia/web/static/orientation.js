// After htmx swaps the orientation page, move the keyboard and screen-reader focus to the new
// results or error heading (marked data-focus), so the answer is announced.
document.addEventListener("htmx:afterSwap", function () {
  var target = document.querySelector("#orientation [data-focus]");
  if (target) { target.focus(); }
});
