"""Tags (a story's topics) read and written as comma-separated names, never quoted.

taggit's default reads "child safety" as two tags unless it is quoted, and writes it back
quoted; Wagtail's tag field then shows the quotes. The admin's tag field separates tags
with commas (`static/newsroom/plain-tags.js`), so commas alone separate them here.
Settings: TAGGIT_TAGS_FROM_STRING, TAGGIT_STRING_FROM_TAGS.
"""


def tags_from_string(text: str) -> list[str]:
    """ "child safety, Crime" -> ["child safety", "Crime"]; quotes typed around a name and
    repeated names are dropped."""
    names = []
    for part in (text or "").split(","):
        name = " ".join(part.strip().strip('"').split())
        if name and name not in names:
            names.append(name)
    return names


def string_from_tags(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))
