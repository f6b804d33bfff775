"""What the search knows besides the fiches: the field's thesaurus, which coordinators keep,
and the vocabulary of the index, which the search keeps itself (``actions.search.vocabulary``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..search.query import terms


def split_expressions(text):
    """ "cantine, restauration scolaire" -> ["cantine", "restauration scolaire"]."""
    return [expression.strip() for expression in text.split(",") if expression.strip()]


class ThesaurusEntry(models.Model):
    """Words and expressions a search treats as one: a person's word and the institution's
    ("cantine", "restauration scolaire"), a noun and its adjective or its people ("collège",
    "collégiens"), which the French stemmer does not bring together."""

    expressions = models.CharField(
        _("mots ou expressions équivalents"),
        max_length=500,
        unique=True,
        help_text=_(
            "Séparés par des virgules, par exemple : « cantine, restauration scolaire ». "
            "Une recherche de l'un trouve aussi les fiches qui emploient l'autre."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("D'où viennent ces mots, pourquoi ils vont ensemble.")
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("entrée du thésaurus")
        verbose_name_plural = _("thésaurus de la recherche")
        ordering = ["expressions"]

    def __str__(self):
        return " ↔ ".join(split_expressions(self.expressions))

    def clean(self):
        expressions = split_expressions(self.expressions)
        searchable = [expression for expression in expressions if terms(expression)]
        if len(searchable) < 2:
            raise ValidationError(
                {
                    "expressions": _(
                        "Donnez au moins deux mots ou expressions, séparés par des virgules "
                        "(les mots vides comme « le » ou « de » ne comptent pas)."
                    )
                }
            )
        self.expressions = ", ".join(expressions)


class SearchWord(models.Model):
    """A word the index holds, for the search's prefixes and its "Vouliez-vous dire …":
    ``word`` folded (no accent, lower case), ``spelling`` as a fiche writes it. Recorded as
    fiches are indexed, never removed: a word no fiche holds any longer matches nothing."""

    word = models.CharField(max_length=60, unique=True)
    spelling = models.CharField(max_length=60)

    class Meta:
        verbose_name = _("mot de l'index")
        verbose_name_plural = _("mots de l'index")

    def __str__(self):
        return self.spelling
