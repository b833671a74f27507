// The forces list of a figure table, chart or comparison (statistics/widgets.py): narrows
// the list as the editor types, and says which forces and periods have figures for the
// measure chosen in the same block. Listeners sit on the document, so blocks added later work too.
(() => {
  const fold = (text) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

  function filter(widget, text) {
    const words = fold(text).split(/\s+/).filter(Boolean);
    widget.querySelectorAll('[data-forces-option]').forEach((option) => {
      // Each word typed starts a word of the name: "hamp" is Hampshire, not Northamptonshire.
      const names = fold(option.dataset.name).split(/[\s\-&,.()]+/);
      option.hidden = !words.every((word) => names.some((name) => name.startsWith(word)));
    });
    widget.querySelectorAll('[data-forces-group]').forEach((group) => {
      group.hidden = !group.querySelector('[data-forces-option]:not([hidden])');
    });
  }

  function showCoverage(widget) {
    const measure = document.getElementById(widget.id.replace(/-forces?$/, '-measure'));
    const chosen = measure ? measure.value : '';
    if (widget.dataset.shownFor === chosen) return;
    widget.dataset.shownFor = chosen;
    const found = chosen ? JSON.parse(widget.dataset.coverage)[chosen] : null;
    widget.querySelectorAll('[data-forces-option]').forEach((option) => {
      const none = Boolean(chosen) && !(found && found.forces.includes(Number(option.dataset.pk)));
      option.classList.toggle('forces-widget__option--none', none);
      option.querySelector('[data-forces-note]').textContent = none ? ' (no figures)' : '';
    });
    const hint = widget.querySelector('[data-forces-hint]');
    if (!chosen) {
      hint.textContent = 'Choose a measure to see which forces and periods have figures.';
    } else if (!found) {
      hint.textContent = 'No figures for this measure yet.';
    } else {
      const forces = found.forces.length === 1 ? '1 force' : `${found.forces.length} forces`;
      hint.textContent = `Figures for this measure: ${forces}; periods ${found.periods.join(', ')}.`;
    }
  }

  document.addEventListener('input', (event) => {
    const box = event.target.closest('[data-forces-filter]');
    if (box) filter(box.closest('[data-forces-widget]'), box.value);
  });

  // Enter in the box would submit the whole story: it ticks the only force left instead.
  document.addEventListener('keydown', (event) => {
    const box = event.target.closest('[data-forces-filter]');
    if (!box || event.key !== 'Enter') return;
    event.preventDefault();
    const widget = box.closest('[data-forces-widget]');
    const left = widget.querySelectorAll('[data-forces-option]:not([hidden]) input');
    if (left.length === 1) {
      left[0].checked = true;
      // As a click would: the editor's unsaved-changes check and autosave listen for it.
      left[0].dispatchEvent(new Event('change', { bubbles: true }));
      box.value = '';
      filter(widget, '');
    }
  });

  // The measure chooser sets its hidden input without an event: look again twice a second.
  setInterval(() => document.querySelectorAll('[data-forces-widget][data-coverage]').forEach(showCoverage), 500);
})();
