"""What a fiche's own data says in the data·inclusion schema's coded fields. Nothing is
guessed: each field is filled only where the fiche states it, and left out otherwise.

- ``thematiques``: the words of the fiche's title and objectives (accents and case aside)
  that name one of the schema's thematiques, per ``THEMES`` below;
- ``frais``: ``gratuit`` when the fiche's text says the action is free, ``payant`` (with the
  sentence that says so in ``frais_precisions``) when it names a price or a fee;
- ``modes_accueil``: ``en-presentiel`` when the fiche names where it takes place (sectors,
  REP+ networks, schools or sites), ``a-distance`` when its text says it is online;
- ``modes_mobilisation`` and ``mobilisable_par``: a professional reaches the action through
  the fiche's contact, by e-mail or telephone as that contact can be reached; every contact
  is listed in ``mobilisation_precisions``.
"""

import re

from data_inclusion.schema import v1 as schema

from citeeducative.text import fold, plain_text

Theme = schema.Thematique

# (words of the fiche, folded, as a regular expression; the thematique they name).
THEMES = [
    (r"parentalite|coeducation|parents?", Theme.FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION),
    (r"numeriques?", Theme.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE),
    (
        r"illettrisme|lecture|savoirs de base|ecriture",
        Theme.LECTURE_ECRITURE_CALCUL__MAITRISER_LE_FRANCAIS,
    ),
    (r"sante|medico[- ]sociale?", Theme.SANTE__ACCES_AUX_SOINS),
    (r"sexualite|vie affective", Theme.SANTE__SANTE_SEXUELLE),
    (r"sports?|sportives?", Theme.REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES),
    (
        r"culture|culturelles?|theatre|theatrale|artistiques?",
        Theme.REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES,
    ),
    (
        r"orientation(?! sexuelle)|metiers?",
        Theme.CHOISIR_UN_METIER__DECOUVRIR_UN_METIER_OU_UN_SECTEUR_DACTIVITE,
    ),
    (
        r"entreprendre|entrepreneur\w*|creation d'entreprise",
        Theme.CREER_UNE_ENTREPRISE__DEFINIR_SON_PROJET_DE_CREATION_DENTREPRISE,
    ),
    (
        r"discriminations?",
        Theme.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__CONNAITRE_SES_DROITS_FACE_A_UNE_DISCRIMINATION,
    ),
    (
        r"acces aux droits",
        Theme.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_POUR_LACCES_AUX_DROITS,
    ),
    (r"confiance en soi|estime de soi", Theme.REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI),
    (r"lien social", Theme.REMOBILISATION__LIEN_SOCIAL),
    (r"mobilite", Theme.MOBILITE__ETRE_ACCOMPAGNE_DANS_SON_PARCOURS_MOBILITE),
]
THEME_PATTERNS = [(re.compile(rf"\b(?:{words})\b"), theme) for words, theme in THEMES]

FREE = re.compile(r"\bgratuit(?:e|s|es|ement)?\b")
PAID = re.compile(r"\bpayant(?:e|s|es)?\b|\btarifs?\b|\d\s?(?:€|euros?\b)|participation financiere")
ONLINE = re.compile(r"\ba distance\b|\ben ligne\b|\bvisio(?:-| )?conferences?\b|\ben visio\b")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def thematiques(action):
    words = fold(" ".join([action.title, *(o.text for o in action.objectives.all())]))
    return sorted({theme.value for pattern, theme in THEME_PATTERNS if pattern.search(words)})


def frais(action):
    """{"frais": …, "frais_precisions": …} as far as the fiche's description says."""
    text = plain_text(action.description)
    for sentence in SENTENCE.findall(text):
        if PAID.search(fold(sentence)):
            return {"frais": schema.Frais.PAYANT.value, "frais_precisions": sentence.strip()}
    if FREE.search(fold(text)):
        return {"frais": schema.Frais.GRATUIT.value}
    return {}


def modes_accueil(action):
    modes = set()
    if action.sectors.all() or action.networks.all() or action.perimeter_details:
        modes.add(schema.ModeAccueil.EN_PRESENTIEL.value)
    if ONLINE.search(fold(plain_text(action.description))):
        modes.add(schema.ModeAccueil.A_DISTANCE.value)
    return sorted(modes) or None


def mobilisation(action, *, courriel, telephone):
    """How a professional takes up the action: through the service's e-mail and telephone
    (those of the fiche's first contact), every contact of the fiche named."""
    modes = []
    if courriel:
        modes.append(schema.ModeMobilisation.ENVOYER_UN_COURRIEL.value)
    if telephone:
        modes.append(schema.ModeMobilisation.TELEPHONER.value)
    contacts = [
        " – ".join(
            part
            for part in (
                link.contact.full_name,
                link.get_role_display(),
                link.contact.email,
                link.contact.phone,
            )
            if part
        )
        for link in action.contact_links.all()
    ]
    if not modes:
        return {}
    return {
        "modes_mobilisation": modes,
        "mobilisable_par": [schema.PersonneMobilisatrice.PROFESSIONNELS.value],
        "mobilisation_precisions": "Contacts de la fiche : " + " ; ".join(contacts) + ".",
    }
