"""A picture as the API shows it: its alt text, credit and a few renditions."""

RENDITIONS = {"small": "fill-400x225", "medium": "fill-800x450", "large": "width-1600"}


def picture_data(image) -> dict:
    renditions = image.get_renditions(*RENDITIONS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt_for(),
        "credit": image.credit_for(),
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": renditions[spec].full_url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITIONS.items()
        },
    }
