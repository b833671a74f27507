"""The open-data layer: the read API (`/api/`), embeddable figures (`/embed/`) and oEmbed.

It sits above `articles` and below `newsroom`: it reads stories, figures and helplines and
shows them to other sites, and nothing below it knows it exists (docs/api.md).
"""
