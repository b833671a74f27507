"""What stops a story going live, and what an editor should be warned about before it does.

Any block in the story body may define `get_publish_errors(self, value) -> list[str]`:
readable reasons the story must not be published as it stands (a statistics block whose
figure is missing, a helpline that is not published). They are collected here, from the
body's top-level blocks and from the children of structural blocks, and checked wherever a
story can go live (with the one rule of the story itself: a hero image has alt text): the
admin's publish button, the editor's approval in the review workflow, and the scheduler.
Warnings never block: they are shown and publishing goes on.
"""

from wagtail import blocks


def block_errors(block, value) -> list[str]:
    """The publish errors of a block value and of its children (struct, list, stream)."""
    errors = []
    check = getattr(block, "get_publish_errors", None)
    if check is not None:
        errors.extend(check(value))
    if isinstance(block, blocks.StructBlock) and isinstance(value, blocks.StructValue):
        # (Wagtail's ImageBlock is a struct block whose value is the image itself.)
        for name, child in block.child_blocks.items():
            errors.extend(block_errors(child, value.get(name)))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            errors.extend(block_errors(block.child_block, item))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            errors.extend(block_errors(child.block, child.value))
    return errors


def body_errors(body) -> list[str]:
    """The publish errors of a story body (a StreamValue)."""
    return block_errors(body.stream_block, body)


def publish_errors(page) -> list[str]:
    """Why `page` (a story, as it would be published) must not go live; empty when it may."""
    errors = []
    # The story form asks for it on the field (`ArticlePage.clean`); the picture's
    # description may have been emptied since.
    if getattr(page, "hero_image_id", None) and not page.hero_alt:
        errors.append(
            "The hero image has no alt text: give the story its own or the picture a description."
        )
    body = getattr(page, "body", None)
    return errors if body is None else errors + body_errors(body)


def publish_warnings(page) -> list[str]:
    """What a story should have before it goes live but may go without."""
    if not hasattr(page, "article_authors"):
        return []
    warnings = []
    if not page.article_authors.all():
        warnings.append("This story has no author: readers will see no byline.")
    if not (page.standfirst or "").strip():
        warnings.append("This story has no standfirst: listings will show the headline alone.")
    if not page.areas.all():
        warnings.append("This story has no area: it will appear on no area page.")
    if not page.topics.all():
        warnings.append("This story has no topic: it will appear on no topic page.")
    return warnings
