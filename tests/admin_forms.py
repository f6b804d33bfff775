"""The admin's change form as a browser would send it back, read from the page itself."""

from django.urls import reverse


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def change_form_data(client, record):
    """The record's change form, filled as the page shows it (fields and every inline)."""
    page = client.get(change_url(record))
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    return data


def _form_values(form):
    values = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            values[form.add_prefix(name)] = value
    return values


def save_fiche(client, fiche, **changes):
    """Post the fiche's change form with ``changes`` (names as the form has them)."""
    data = {**change_form_data(client, fiche), **changes}
    return client.post(change_url(fiche), data)
