// Source profile: pick the duplicate to merge by type-ahead.
import { typeahead } from "./common.js";

const input = document.getElementById("merge-q");
if (input) {
  const id = document.getElementById("merge-id");
  const chosen = document.getElementById("merge-chosen");
  const submit = document.getElementById("merge-submit");
  const form = document.getElementById("merge-form");
  typeahead(input, document.getElementById("merge-list"), {
    onPick(source) {
      id.value = source.id;
      chosen.textContent = `${source.name} (${source.type}, #${source.id})`;
      submit.disabled = false;
      submit.focus();
    },
  });
  form.addEventListener("submit", (event) => {
    if (!id.value || !confirm(`Merge ${chosen.textContent} into this source? This moves its claims here.`)) {
      event.preventDefault();
    }
  });
}
