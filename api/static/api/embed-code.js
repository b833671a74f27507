// "Embed this chart": the Copy button copies the <iframe> code beside it. Without
// JavaScript the code can still be selected and copied by hand.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const text = document.getElementById(button.dataset.copy);
    text.select();
    navigator.clipboard.writeText(text.value).then(
        () => { button.textContent = "Copied"; },
        () => { button.textContent = "Select the code and copy it"; },
    );
});
