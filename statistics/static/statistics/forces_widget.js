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

  // A force with no figures for the measure is ticked only with a warning in plain sight: the
  // story cannot be published with it until an editor adds them (the reporter can ask).
  function measureOf(widget) {
    const measure = document.getElementById(widget.id.replace(/-forces?$/, '-measure'));
    return measure ? measure.value : '';
  }

  function warnOfMissing(widget) {
    const warning = widget.querySelector('[data-forces-warning]');
    if (!warning) return;
    const names = Array.from(
      widget.querySelectorAll('.forces-widget__option--none input:checked'),
      (input) => input.closest('[data-forces-option]').dataset.label,
    );
    warning.hidden = names.length === 0;
    warning.querySelector('[data-forces-warning-text]').textContent = names.length
      ? `No figures for this measure: ${names.join(', ')}. The story cannot be published ` +
        'with them until an editor adds their figures (or untick them).'
      : '';
  }

  document.addEventListener('change', (event) => {
    const widget = event.target.closest('[data-forces-widget]');
    if (widget && event.target.type === 'checkbox') warnOfMissing(widget);
  });

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-forces-ask]');
    if (!button) return;
    const widget = button.closest('[data-forces-widget]');
    const forces = Array.from(
      widget.querySelectorAll('.forces-widget__option--none input:checked'),
      (input) => input.value,
    );
    const body = new FormData();
    body.append('measure', measureOf(widget));
    forces.forEach((force) => body.append('force', force));
    body.append('story', window.location.pathname);
    const said = widget.querySelector('[data-forces-asked]');
    const response = await fetch(button.dataset.url, {
      method: 'POST',
      body,
      headers: { 'X-CSRFToken': window.wagtailConfig?.CSRF_TOKEN || '' },
    });
    said.textContent = response.ok ? (await response.json()).message : 'Not sent: try again.';
  });

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
      const option = left[0].closest('[data-forces-option]');
      const none = option.classList.contains('forces-widget__option--none');
      // No figures: the first Enter only says so; a second Enter ticks it all the same.
      if (none && !left[0].checked && box.dataset.confirming !== option.dataset.pk) {
        box.dataset.confirming = option.dataset.pk;
        const hint = widget.querySelector('[data-forces-hint]');
        if (hint) {
          hint.textContent = `${option.dataset.label} has no figures for this measure. ` +
            'Press Enter again to tick it anyway, or choose another force.';
        }
        return;
      }
      delete box.dataset.confirming;
      widget.dataset.shownFor = ''; // the hint says the coverage again
      left[0].checked = true;
      // As a click would: the editor's unsaved-changes check and autosave listen for it.
      left[0].dispatchEvent(new Event('change', { bubbles: true }));
      box.value = '';
      filter(widget, '');
      warnOfMissing(widget);
    }
  });

  // The measure chooser sets its hidden input without an event: look again twice a second.
  setInterval(() => document.querySelectorAll('[data-forces-widget][data-coverage]').forEach(showCoverage), 500);
})();
