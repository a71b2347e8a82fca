"""{% volunteer_word organisation %} and {% volunteer_word organisation plural=True %}:
see core/words.py."""

from django import template

from core import words

register = template.Library()


@register.simple_tag
def volunteer_word(organisation, plural=False):
    return words.volunteer_word(organisation, plural=plural)
