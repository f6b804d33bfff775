"""A coordinator's review of a proposal: what it changes, side by side with the fiche as it is
now; accepting applies it as a new version of the fiche, refusing mails the reason back."""

import difflib
import re
from dataclasses import dataclass
from html import unescape

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actions.models import Action
from actions.versions import record_state_before_change, record_version
from citeeducative.richtext import sanitize_html
from contacts.models import Contact

from . import mails
from .fiches import CONTACT_FIELDS, FICHE_FIELDS, snapshot
from .models import Proposal

TAG = re.compile(r"<[^>]*>")


class ReviewError(Exception):
    """A proposal that cannot be applied; the message says why, in French."""


@dataclass
class Row:
    label: str
    before: str
    after: str
    changed_since_sent: bool
    spans: bool = False  # one cell across both columns


def _words_diff(before, after):
    """Both texts as HTML, the words removed in <del>, those added in <ins>."""
    old, new = before.split(), after.split()
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape(" ".join(old[i1:i2])), escape(" ".join(new[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))


def _lists_diff(before, after):
    """Both lists as <ol>, the items removed in <del>, those added in <ins>."""
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        mark = "{}" if tag == "equal" else "<del>{}</del>"
        left += [format_html("<li>" + mark + "</li>", item) for item in before[i1:i2]]
        mark = "{}" if tag == "equal" else "<ins>{}</ins>"
        right += [format_html("<li>" + mark + "</li>", item) for item in after[j1:j2]]
    return (mark_safe(f"<ol>{''.join(items)}</ol>") for items in (left, right))


def _words_of(html):
    # A tag is a space: "</li><li>" ends a word as a space does.
    return unescape(TAG.sub(" ", html)).split()


def _changed_passages(before, after, context=6):
    """The words a long text changes, each passage with a few words around it."""
    old, new = _words_of(before), _words_of(after)
    passages = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        parts = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                parts.append(escape(" ".join(old[i1:i2])))
                continue
            if i2 > i1:
                parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
            if j2 > j1:
                parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
        passages.append("… " + " ".join(parts) + " …")
    return mark_safe("<br>".join(passages))


def rows(proposal):
    """[Row…]: each field the proposal changes, its value now and the proposed one; those
    that also changed since the link was sent are marked."""
    invitation = proposal.invitation
    current = snapshot(invitation.action)
    sent = invitation.sent_snapshot
    result = []
    for name, label in FICHE_FIELDS.items():
        if name not in proposal.changes:
            continue
        proposed = proposal.changes[name]
        if name == "description":
            before = mark_safe(sanitize_html(current[name]) or "—")
            after = mark_safe(sanitize_html(proposed) or "—")
        elif name == "objectives":
            before, after = _lists_diff(current[name], proposed)
        else:
            before, after = _words_diff(current[name], proposed)
        result.append(Row(str(label), before, after, current[name] != sent.get(name)))
        if name == "description" and (passages := _changed_passages(current[name], proposed)):
            result.append(Row(_("Description : mots changés"), passages, "", False, spans=True))
    for pk, details in proposal.changes.get("contacts", {}).items():
        now = current["contacts"].get(pk)
        then = sent.get("contacts", {}).get(pk)
        if now is None:
            continue
        person = f"{now['first_name']} {now['last_name']}"
        for name, value in details.items():
            before, after = _words_diff(now[name], value)
            label = _("Contact %(person)s : %(field)s") % {
                "person": person,
                "field": CONTACT_FIELDS[name],
            }
            changed = then is None or now[name] != then.get(name)
            result.append(Row(label, before, after, changed))
    return result


def changed_since_sent(proposal):
    """Whether the fiche (its editable fields) changed after the link was sent."""
    return snapshot(proposal.invitation.action) != proposal.invitation.sent_snapshot


def _as_version(instance, *, user, reason):
    """``instance``, whose next save or delete the history records as by ``user`` for
    ``reason``: the one place a review writes the catalogue's history."""
    instance._history_user = user
    instance._change_reason = reason
    return instance


def _apply_objectives(fiche, texts, **version):
    objectives = list(fiche.objectives.all())
    for position, text in enumerate(texts):
        if position < len(objectives):
            objective = objectives[position]
            if objective.text == text and objective.position == position:
                continue
            objective.text, objective.position = text, position
        else:
            objective = fiche.objectives.model(action=fiche, position=position, text=text)
        _as_version(objective, **version).save()
    for objective in objectives[len(texts) :]:
        _as_version(objective, **version).delete()


def _apply_contact(pk, details, **version):
    contact = Contact.objects.filter(pk=pk).first()
    if contact is None:
        return
    for name, value in details.items():
        setattr(contact, name, value)
    try:
        contact.full_clean()
    except ValidationError as error:
        messages = " ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise ReviewError(
            _("Le contact %(person)s ne peut pas être modifié ainsi : %(messages)s")
            % {"person": contact, "messages": messages}
        ) from None
    _as_version(contact, **version).save()


@transaction.atomic
def accept(proposal, user):
    """Apply ``proposal`` to its fiche as a version by ``user`` naming the proposer, and mark
    the fiche checked. ReviewError, and nothing changed, when it cannot apply."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.PENDING:
        raise ReviewError(_("Cette proposition a déjà été examinée."))
    recipient = proposal.invitation.recipient
    fiche = Action.objects.get(pk=proposal.invitation.action_id)
    version = {
        "user": user,
        "reason": _("Proposition de %(name)s (%(email)s), campagne de mise à jour")
        % {"name": recipient.name, "email": recipient.email},
    }
    changes = proposal.changes
    for name in ("title", "description", "perimeter_details"):
        if name in changes:
            setattr(fiche, name, changes[name])
    if not fiche.title:
        raise ReviewError(_("Une fiche doit garder un titre."))
    fiche.last_checked_at = timezone.now()
    record_state_before_change(fiche)
    _as_version(fiche, **version).save()
    if "objectives" in changes:
        _apply_objectives(fiche, changes["objectives"], **version)
    for pk, details in changes.get("contacts", {}).items():
        _apply_contact(pk, details, **version)
    record_version(fiche, **version)
    _close(proposal, Proposal.Status.ACCEPTED, user)


@transaction.atomic
def reject(proposal, user, message):
    """Refuse ``proposal``; ``message`` is mailed to its author."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.PENDING:
        raise ReviewError(_("Cette proposition a déjà été examinée."))
    if not message.strip():
        raise ReviewError(_("Écrivez au porteur pourquoi la proposition est refusée."))
    proposal.review_message = message.strip()
    _close(proposal, Proposal.Status.REJECTED, user)
    mails.send_refusal(proposal)


def _close(proposal, status, user):
    proposal.status = status
    proposal.reviewed_by = user
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_message"])
