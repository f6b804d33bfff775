"""The revue de projet of a programmation, as a workbook for coordinators: a summary sheet, one
sheet per axe with each fiche's follow-up year by year, and the finances by funder."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citeeducative.models import CiteEducative
from spreadsheets.workbook import Money, Report

from .charts import format_money
from .figures import catalogue_figures
from .listing import by_axe, fiches_of
from .models import FollowUp
from .totals import CITE_FUND, follow_up_totals

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AXE_COLUMNS = (
    (gettext_lazy("N°"), 6),
    (gettext_lazy("Fiche action"), 45),
    (gettext_lazy("Année"), 8),
    (gettext_lazy("État"), 12),
    (gettext_lazy("Crédits Cité éducative"), 16),
    (gettext_lazy("Co-financements"), 16),
    (gettext_lazy("Détail des co-financements"), 36),
    (gettext_lazy("Budget total"), 16),
    (gettext_lazy("N° de dossier Dauphin"), 16),
    (gettext_lazy("Bénéficiaires prévus"), 12),
    (gettext_lazy("Bénéficiaires atteints"), 12),
    (gettext_lazy("Bénéficiaires par public"), 36),
    (gettext_lazy("Indicateurs (réalisé / cible)"), 45),
    (gettext_lazy("Bilan qualitatif"), 60),
)


def revue_xlsx(programmation):
    years = list(range(programmation.start_year, programmation.end_year + 1))
    cite = CiteEducative.objects.current()
    figures = catalogue_figures(programmation)
    totals = follow_up_totals(programmation, years)
    axes = by_axe(fiches_of(programmation, with_follow_up=True))
    report = Report()
    _summary(
        report.sheet(_("Synthèse"), widths=(40, 14, 14, 14, 14, 14, 14, 18, 18, 18)),
        cite,
        programmation,
        figures,
        totals,
    )
    for axe, fiches in axes:
        _axe_sheet(
            report.sheet(f"{_('Axe')} {axe.number}", widths=[w for _, w in AXE_COLUMNS]),
            axe,
            fiches,
            years,
        )
    _finances(
        report.sheet(_("Financements"), widths=(40, 8, 45, 8, 16, 16, 18)), totals, axes, years
    )
    return report.content()


def _summary(sheet, cite, programmation, figures, totals):
    sheet.title(
        _("Revue de projet – %(name)s") % {"name": cite.name if cite else _("Cité éducative")}
    )
    sheet.row(str(programmation))
    sheet.row(_("Édition du %(date)s") % {"date": date_format(timezone.localdate(), "j F Y")})
    sheet.blank()
    sheet.header(_("Fiches action publiées"), figures.fiches)
    for number, title, _slug, count in figures.by_axe:
        sheet.row(f"{_('Axe')} {number} – {title}", count)
    sheet.row(_("Pour toute la ville"), figures.city_wide)
    sheet.blank()
    states = FollowUp.State.choices
    sheet.header(
        _("Année"),
        _("Suivis saisis"),
        *(label for _value, label in states),
        _("Sans suivi"),
        CITE_FUND,
        _("Co-financements"),
        _("Budget total"),
    )
    cofunding = {year: 0 for year in totals.years}
    for name, amounts, _total in totals.by_funder:
        if name != str(CITE_FUND):
            for year, amount in amounts.items():
                cofunding[year] += amount
    for year in totals.years:
        row = totals.by_year.get(year, {})
        cite_amount = row.get("cite") or 0
        sheet.row(
            year,
            row.get("follow_ups", 0),
            *(row.get(value, 0) for value, _l in states),
            figures.fiches - row.get("follow_ups", 0),
            Money(cite_amount),
            Money(cofunding[year]),
            Money(cite_amount + cofunding[year]),
        )
    sheet.blank()
    sheet.header(_("Bénéficiaires par type de public"), _("Prévus"), _("Atteints"))
    for label, planned, reached in totals.beneficiaries:
        sheet.row(label, planned, reached)
    if not totals.beneficiaries:
        sheet.row(_("Aucun nombre de bénéficiaires saisi."))
    sheet.blank()
    counts = totals.indicators
    sheet.header(_("Indicateurs"), _("Nombre"))
    sheet.row(_("Indicateurs saisis"), counts["total"])
    sheet.row(_("À leur cible ou au-delà"), counts["met"])
    sheet.row(_("Dont au-dessus de leur cible (à vérifier)"), counts["exceeded"])
    sheet.row(_("Sous leur cible"), counts["measured"] - counts["met"])
    sheet.row(_("Sans valeur réalisée ou sans cible"), counts["total"] - counts["measured"])


def _axe_sheet(sheet, axe, fiches, years):
    sheet.title(f"{_('Axe')} {axe.number} – {axe.title}")
    sheet.blank()
    sheet.header(*(name for name, _width in AXE_COLUMNS))
    for fiche in fiches:
        follow_ups = {follow_up.year: follow_up for follow_up in fiche.follow_ups.all()}
        for year in years:
            follow_up = follow_ups.get(year)
            if follow_up is None:
                sheet.row(fiche.number, fiche.title, year, _("non renseigné"))
                continue
            sheet.row(
                fiche.number,
                fiche.title,
                year,
                follow_up.get_state_display(),
                None if follow_up.cite_amount is None else Money(follow_up.cite_amount),
                Money(follow_up.cofunding_total),
                "\n".join(
                    f"{line.funder} : {format_money(line.amount)}"
                    for line in follow_up.cofundings.all()
                ),
                Money(follow_up.budget),
                follow_up.dauphin_number,
                follow_up.planned,
                follow_up.reached,
                "\n".join(
                    f"{line.public} : {line.planned if line.planned is not None else '–'} / "
                    f"{line.reached if line.reached is not None else '–'}"
                    for line in follow_up.beneficiaries.all()
                ),
                "\n".join(_indicator_line(indicator) for indicator in follow_up.indicators.all()),
                follow_up.summary,
            )


def _indicator_line(indicator):
    def value(number):
        return "–" if number is None else f"{number.normalize():f}".replace(".", ",")

    unit = f" {indicator.unit}" if indicator.unit else ""
    line = f"{indicator.label} : {value(indicator.achieved)} / {value(indicator.target)}{unit}"
    if indicator.exceeds_target:
        line += " " + _("(au-dessus de la cible : à vérifier)")
    return line


def _finances(sheet, totals, axes, years):
    sheet.title(_("Financements par financeur"))
    sheet.blank()
    sheet.header(_("Financeur"), *(year for year in years), _("Total"))
    for name, amounts, total in totals.by_funder:
        sheet.row(name, *(Money(amounts.get(year, 0)) for year in years), Money(total))
    sheet.row(
        _("Total"),
        *(
            Money(sum(amounts.get(year, 0) for _n, amounts, _t in totals.by_funder))
            for year in years
        ),
        Money(totals.budget),
        bold=True,
    )
    sheet.blank()
    sheet.title(_("Détail par fiche"))
    sheet.header(
        _("Axe"),
        _("N°"),
        _("Fiche action"),
        _("Année"),
        _("Financeur"),
        _("Montant"),
        _("N° de dossier Dauphin"),
    )
    for axe, fiches in axes:
        for fiche in fiches:
            for follow_up in fiche.follow_ups.all():
                lines = (
                    [(CITE_FUND, follow_up.cite_amount)]
                    if follow_up.cite_amount is not None
                    else []
                )
                lines += [(line.funder.name, line.amount) for line in follow_up.cofundings.all()]
                for funder, amount in lines:
                    sheet.row(
                        f"{_('Axe')} {axe.number}",
                        fiche.number,
                        fiche.title,
                        follow_up.year,
                        str(funder),
                        Money(amount),
                        follow_up.dauphin_number,
                    )
