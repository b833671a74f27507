import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the project: some 150,000 objects) lives as long as
# the process. Frozen, the garbage collector stops scanning it again in every full collection,
# which cost a trivial request a tenth of its CPU.
gc.collect()
gc.freeze()
