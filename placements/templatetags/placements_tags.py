from django import template

register = template.Library()


@register.simple_tag
def has_placements(volunteer) -> bool:
    """Whether Mijn Koppel shows the link to "Duo en werkafspraken"."""
    from placements.selectors import has_placements as selector

    return selector(volunteer=volunteer)
