"""The yearly follow-ups are part of each version of a fiche (``actions.versions``): matched on
their year when a version is restored, so that their co-fundings, beneficiaries and indicators
stay."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actions.versions import Part, register_part

from .charts import format_money


def _shown(follow_up):
    parts = [f"{follow_up.year} : {follow_up.get_state_display()}"]
    if follow_up.cite_amount is not None:
        parts.append(
            gettext("%(amount)s Cité éducative") % {"amount": format_money(follow_up.cite_amount)}
        )
    if follow_up.dauphin_number:
        parts.append(gettext("dossier Dauphin %(number)s") % {"number": follow_up.dauphin_number})
    if follow_up.summary:
        parts.append(gettext("bilan : %(summary)s") % {"summary": follow_up.summary})
    return ", ".join(parts)


register_part(
    Part(
        "follow_ups",
        ("year", "state", "cite_amount", "dauphin_number", "summary"),
        _("Suivi annuel"),
        _("Suivi annuel ajouté"),
        _("Suivi annuel retiré"),
        show=_shown,
        key="year",
    )
)
