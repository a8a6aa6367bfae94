// Drag and drop onto the receiving form: the dropped files go into its file input and the form is
// sent, exactly as if they had been chosen. Without this script the form works as it is.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("receive");
  var input = document.getElementById("files");
  if (!form || !input) return;
  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      event.preventDefault();
      form.classList.add("over");
    });
  });
  document.addEventListener("dragleave", function (event) {
    if (event.target === document.documentElement || event.target === form) form.classList.remove("over");
  });
  document.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("over");
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    form.submit();
  });
});
