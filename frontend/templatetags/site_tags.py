from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ progress|get_item:module.pk }}`: look up a dict by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)
