"""The fiche's admin form: the description in a rich-text editor offering only what the site
shows (``citeeducative.richtext``)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from citeeducative.richtext import EDITOR_EXTENSIONS, rich_text

from .models import Action, Objective

# A new objective without a position goes last; positions are then spread ten apart.
LAST_POSITION = 32_767


class ActionAdminForm(forms.ModelForm):
    description = ProseEditorFormField(
        label=_("Description"),
        required=False,
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=rich_text,
        widget=AdminProseEditorWidget,
        help_text=_(
            "Paragraphes, gras, italique, listes et liens. Un texte collé sans mise en forme "
            "devient des paragraphes (ligne vide entre deux) et des listes (lignes « - »)."
        ),
    )

    class Meta:
        model = Action
        # The admin adds the fields of its fieldsets.
        fields = ["description"]


class ObjectiveForm(forms.ModelForm):
    position = forms.IntegerField(
        label=_("ordre"),
        required=False,
        min_value=0,
        max_value=LAST_POSITION,
        widget=forms.NumberInput(attrs={"class": "vSmallField"}),
    )

    class Meta:
        model = Objective
        fields = ["position", "text"]

    def clean_position(self):
        position = self.cleaned_data["position"]
        return LAST_POSITION if position is None else position
