// The editors' tag box: a click on a suggested tag adds it, once, to the list.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-tag]");
  const picker = button && button.closest("[data-tag-picker-for]");
  if (!picker) return;
  const input = document.getElementById(picker.dataset.tagPickerFor);
  const tag = button.dataset.tag;
  const present = input.value
    .split(",")
    .map((name) => name.trim().replace(/^"|"$/g, "").toLowerCase());
  if (!present.includes(tag.toLowerCase())) {
    const written = tag.includes(",") ? `"${tag}"` : tag;
    const before = input.value.replace(/[\s,]*$/, "");
    input.value = before ? `${before}, ${written}` : written;
  }
  input.focus();
});
