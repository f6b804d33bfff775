"""The catalogue's choice lists, rendered once per catalogue version and kept in the cache."""

import hashlib

from django import forms
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe

from citeeducative.caching import catalogue_version


class CachedOptionsMixin:
    """A multiple-choice widget whose options are rendered once per catalogue version (they
    only change with the catalogue, see ``catalogue_version``) and kept in the cache, so that
    a request neither queries nor renders them again: it only marks its own choices.
    ``choice_marker`` is the text that starts a choice's markup, ``chosen`` what marks it."""

    choice_marker = 'name="{name}" value="{value}"'
    chosen = " checked"

    def render(self, name, value, attrs=None, renderer=None):
        variant = hashlib.sha256(repr(sorted((attrs or {}).items())).encode()).hexdigest()[:16]
        key = f"catalogue:options:{name}:{variant}:{catalogue_version()}"
        html = cache.get(key)
        if html is None:
            html = str(super().render(name, None, attrs, renderer))
            cache.set(key, html, timeout=None)
        for choice in self.format_value(value):
            marker = self.choice_marker.format(name=escape(name), value=escape(choice))
            html = html.replace(marker, marker + self.chosen, 1)
        return mark_safe(html)


class CachedCheckboxSelectMultiple(CachedOptionsMixin, forms.CheckboxSelectMultiple):
    """For short lists (axes, sectors, programmations)."""


class CachedChoiceList(CachedOptionsMixin, forms.CheckboxSelectMultiple):
    """For long lists (publics, structures, contacts): checkboxes with their whole labels in a
    list that scrolls, to which ``static/js/catalogue.js`` adds a search box; nothing to hold
    down to choose several. ``group``, given a record, gives its group as (order, label): the
    options are then listed under each group's heading."""

    template_name = "actions/widgets/choice_list.html"

    def __init__(self, attrs=None, group=None):
        super().__init__(attrs)
        self.group = group

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if self.group is None:
            # Django makes each ungrouped option a group of its own: one list for them all.
            return [(None, [option for _label, options, _index in groups for option in options], 0)]
        grouped = {}
        for _label, options, _index in groups:
            for option in options:
                grouped.setdefault(self.group(option["value"].instance), []).append(option)
        return [
            (label, options, index)
            for index, ((_order, label), options) in enumerate(sorted(grouped.items()))
        ]
