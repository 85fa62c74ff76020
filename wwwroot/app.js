// 502 Desk page behaviour that needs no server round trip: copy buttons and search shortcuts.
// Handlers are delegated from document, so they keep working across Blazor's enhanced navigation.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-http deployments are not a secure context: fall back to a hidden textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy refused"));
    });
  }

  // A link marked data-carry-log takes the text of that log box along to the page it opens.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-carry-log]");
    if (!link) return;
    var box = document.getElementById(link.getAttribute("data-carry-log"));
    if (box && box.value) sessionStorage.setItem("kb-triage-text", box.value);
  });

  // Focuses a page's heading after an in-app navigation (FocusHeadingOnNavigate), as Blazor's own focusBySelector does.
  window.kbFocusHeading = function (selector) {
    var heading = document.querySelector(selector);
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  };

  // The incident page's copy buttons are Blazor components: they call this and show the outcome themselves.
  window.kbCopyText = copyText;

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".copy-button");
    if (!button) return;
    var block = button.closest(".code-block");
    var code = block && block.querySelector("pre");
    if (!code) return;
    copyText(code.innerText.replace(/\n$/, "")).then(
      function () { flash(button, "Copied"); },
      function () { flash(button, "Press Ctrl+C"); selectContents(code); });
  });

  function flash(button, label, restore) {
    button.textContent = label;
    button.classList.add("copied");
    setTimeout(function () { button.textContent = restore || "Copy"; button.classList.remove("copied"); }, 1500);
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function isTyping(target) {
    var tag = target && target.tagName;
    // A read-only input is a MudSelect's box: nothing is typed there, so / still means search.
    return (tag === "INPUT" && !target.readOnly) || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    var search = document.getElementById("top-search");
    if (!search) return;
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
    var ctrlK = (event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K");
    if (slash || ctrlK) {
      event.preventDefault();
      search.focus();
      search.select();
      return;
    }
    // Arrow keys move between the input and the live results of the top-bar search (a popover, outside the box).
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var results = document.getElementById("top-search-results");
    if (!results || (event.target !== search && !results.contains(event.target))) return;
    var links = Array.prototype.slice.call(results.querySelectorAll("a"));
    if (links.length === 0) return;
    var index = links.indexOf(event.target);
    var next = event.key === "ArrowDown" ? index + 1 : index - 1;
    event.preventDefault();
    if (next < 0) search.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
})();

// Log paste boxes and the article editor: the server reads the text as a stream when it changes, since a pasted page of logs (or an article) is
// larger than one SignalR message may be.
window.kbLogPaste = {
  watch: function (textarea, dotnet) {
    var timer;
    textarea._kbChanged = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { dotnet.invokeMethodAsync("ChangedAsync"); }, 250);
    };
    textarea.addEventListener("input", textarea._kbChanged);
  },
  unwatch: function (textarea) {
    if (textarea && textarea._kbChanged) textarea.removeEventListener("input", textarea._kbChanged);
  },
  takeOver: function (textarea, key) {
    var text = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    if (text) textarea.value = text;
  },
  hasText: function (textarea) {
    return textarea.value.length > 0;
  },
  read: function (textarea, maxBytes) {
    var bytes = new TextEncoder().encode(textarea.value);
    return bytes.length > maxBytes ? bytes.slice(0, maxBytes) : bytes;
  }
};
