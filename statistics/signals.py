"""`figures_changed(figure_ids)`: sent once the values of figures have changed (in the admin
or by an import), so that the layers above can mark and refresh the stories that show them."""

from django.dispatch import Signal

figures_changed = Signal()
