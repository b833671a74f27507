"""The statistics' own events, for the layers above.

- `figures_changed(figure_ids)`: the values of figures have changed (in the admin or by an
  import), so that the stories that show them can be marked and refreshed.
- `figures_imported(source, created, updated)`: an import wrote figures from `source` (in
  bulk, so no figure's own save signals are sent)."""

from django.dispatch import Signal

figures_changed = Signal()
figures_imported = Signal()
