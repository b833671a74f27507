"""A story's body as data: each block as the API shows it, figures and helplines resolved.

Figure blocks store references, so their numbers are read now, for the whole body in one
query (`statistics.lookup`), and said by the same values the story page uses (`Comparison`,
the grid's `Change`); a helplines block lists the numbers published today. Other blocks
are Wagtail's own API representation, rich text as the HTML readers see.
"""

from wagtail.blocks import RichTextBlock

from articles.blocks import CaptionedImageBlock
from contacts.blocks import HelplinesBlock
from statistics.blocks import FigureComparisonBlock, FigureTableBlock
from statistics.lookup import FigureLookup, figures_for_stream

from .embeds import embed_url
from .pictures import picture_data
from .serializers import HelplineSerializer, SourceSerializer


def _force(force) -> dict | None:
    return {"slug": force.slug, "name": force.name} if force is not None else None


def _measure(measure) -> dict | None:
    if measure is None:
        return None
    return {"slug": measure.slug, "name": measure.name, "unit": measure.unit}


def comparison_data(value, lookup: FigureLookup) -> dict:
    comparison, figures, missing = value.comparison(lookup)
    change = comparison.change if comparison else None
    return {
        "measure": _measure(value.get("measure")),
        "force": _force(value.get("force")),
        "period": comparison.period if comparison else value.get("period"),
        "value": comparison.value if comparison else None,
        "previous_period": comparison.previous_period if comparison else value.compare_period,
        "previous_value": comparison.previous_value if comparison else None,
        "change_percent": change.percent if change else None,
        "direction": change.direction if change else None,
        "sentence": comparison.sentence if comparison else None,
        "sources": SourceSerializer(
            list({f.source_id: f.source for f in figures}.values()), many=True
        ).data,
        "missing": missing,
    }


def grid_data(block, value, lookup: FigureLookup) -> dict:
    grid = block.grid(value, lookup)
    measure = value.get("measure")
    return {
        "measure": _measure(measure),
        "caption": value.get("caption") or (measure.name if measure else ""),
        "periods": grid.periods,
        "change_periods": list(grid.change_periods or []),
        "rows": [
            {
                "force": _force(row.force),
                "values": row.values,
                "change_percent": row.change.percent if row.change else None,
                "direction": row.change.direction if row.change else None,
            }
            for row in grid.rows
        ],
        "sources": SourceSerializer(grid.sources, many=True).data,
        "missing": [f"{force.short_name}, {period}" for force, period in grid.missing],
    }


def block_data(child, page, lookup: FigureLookup, request) -> dict:
    block, value = child.block, child.value
    data = {"type": child.block_type, "id": child.id}
    if isinstance(block, FigureComparisonBlock):
        data["value"] = comparison_data(value, lookup)
    elif isinstance(block, FigureTableBlock):  # tables and charts
        data["value"] = grid_data(block, value, lookup)
    elif isinstance(block, HelplinesBlock):
        helplines = value.helplines_for(page)
        data["value"] = {
            "heading": value.get("heading"),
            "helplines": HelplineSerializer(helplines, many=True).data,
        }
    elif isinstance(block, CaptionedImageBlock):
        image = value.get("image")
        data["value"] = {
            "picture": picture_data(image) if image is not None else None,
            "alt": value.alt,
            "caption": value.get("caption"),
            "credit": value.credit_line,
        }
    elif isinstance(block, RichTextBlock):
        data["value"] = {"html": str(value)}
    else:
        data["value"] = block.get_api_representation(value, {"request": request})
    if isinstance(block, FigureComparisonBlock | FigureTableBlock):
        data["embed_url"] = request.build_absolute_uri(embed_url(page, child.id))
    return data


def body_data(page, request) -> list[dict]:
    lookup = figures_for_stream(page.body)
    return [block_data(child, page, lookup, request) for child in page.body]
