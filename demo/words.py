"""The words the demo fiches are drawn from: invented titles, texts, structures and people."""

from actions.models import Public
from contacts.models import ActionContact

DEMO_PUBLICS = [
    ("Enfants 3-6 ans", Public.Kind.ENFANTS, 3, 6),
    ("Enfants 6-11 ans", Public.Kind.ENFANTS, 6, 11),
    ("Collégiens 11-15 ans", Public.Kind.ENFANTS, 11, 15),
    ("Jeunes 15-18 ans", Public.Kind.ENFANTS, 15, 18),
    ("Jeunes adultes 18-25 ans", Public.Kind.ENFANTS, 18, 25),
    ("Parents d'enfants de 2-11 ans", Public.Kind.PARENTS, 2, 11),
    ("Parents", Public.Kind.PARENTS, None, None),
    ("Enseignant·e·s", Public.Kind.PROFESSIONNELS, None, None),
    ("Habitants des quartiers", Public.Kind.HABITANTS, None, None),
]

# Invented neighbourhoods: the demo names no real place.
QUARTIERS = [
    "Les Tilleuls",
    "Les Acacias",
    "Le Moulin Neuf",
    "La Briqueterie",
    "Les Hauts-Prés",
    "Le Canal",
    "La Filature",
    "Les Peupliers",
    "Le Vieux Pont",
    "La Roseraie",
    "Les Coteaux",
    "Le Parc",
    "La Gare",
    "Les Jardins",
    "Le Marché",
]
FORMATS = [
    "Ateliers",
    "Parcours",
    "Accompagnement",
    "Club",
    "Résidence d'artistes",
    "Stage",
    "Permanence",
    "Programme",
    "Semaine",
    "Rencontres",
    "Cycle de formation",
    "Séjour",
    "Classe",
    "Espace",
    "Laboratoire",
    "Défi",
]
THEMES = [
    "de lecture partagée",
    "d'éloquence",
    "d'éducation au numérique",
    "de soutien à la parentalité",
    "d'orientation",
    "de culture scientifique",
    "de pratique artistique",
    "de pratique sportive",
    "de prévention du décrochage scolaire",
    "de médiation sociale",
    "autour du langage",
    "d'éducation aux médias",
    "de découverte des métiers",
    "de théâtre",
    "de musique",
    "d'aide aux devoirs",
    "de philosophie pour enfants",
    "d'éducation à la citoyenneté",
    "de prévention du harcèlement",
    "de jardinage et d'éducation à l'environnement",
    "autour du jeu de société",
    "de coding et de robotique",
    "de premiers secours",
    "d'écriture",
]
TARGETS = [
    "pour les parents",
    "au collège",
    "en école maternelle",
    "en école élémentaire",
    "dans les centres sociaux",
    "à la médiathèque",
    "pour les 11-16 ans",
    "en lien avec les familles",
    "entre l'école et le collège",
    "pendant les vacances scolaires",
    "le mercredi après-midi",
    "pour les jeunes en recherche de stage",
    "dans les quartiers prioritaires",
    "avec les clubs de prévention",
]
CONSTATS = [
    "de nombreux enfants arrivent au collège avec des difficultés de lecture",
    "les familles restent souvent éloignées de l'école",
    "l'absentéisme progresse dès l'école élémentaire",
    "les jeunes connaissent mal les métiers et les formations du territoire",
    "l'accès aux pratiques culturelles et sportives reste inégal",
    "les écrans occupent une place croissante dans le quotidien des enfants",
    "les professionnels manquent d'espaces pour travailler ensemble",
    "beaucoup de parents disent se sentir seuls face aux devoirs",
    "les filles participent moins aux activités sportives après 11 ans",
    "la maîtrise de la langue orale conditionne la réussite dès la maternelle",
]
MODALITES = [
    "des ateliers hebdomadaires",
    "des séances en petits groupes",
    "un parcours de dix séances",
    "des rencontres mensuelles",
    "des stages pendant les vacances scolaires",
    "des temps d'échange entre parents et enseignants",
    "une résidence de création sur l'année scolaire",
    "un accompagnement individuel renforcé",
]
MOMENTS = [
    "sur le temps scolaire",
    "sur le temps périscolaire",
    "le mercredi après-midi",
    "pendant les vacances scolaires",
    "en soirée, pour que les parents puissent venir",
    "le samedi matin",
]
TEMPS_FORTS = [
    "une séance de lancement avec les familles",
    "des visites d'entreprises et de structures du territoire",
    "une restitution publique en fin d'année",
    "un temps de formation commun aux professionnels",
    "des sorties culturelles au musée La Piscine et au Colisée",
    "une exposition des travaux des enfants à la médiathèque",
    "un forum des métiers au collège",
    "un goûter-débat avec les parents",
    "des permanences dans les centres sociaux",
    "un carnet de bord tenu par chaque participant",
]
INDICATEURS = [
    "le nombre d'enfants inscrits et leur assiduité",
    "le nombre de familles touchées",
    "l'évolution des résultats aux évaluations nationales",
    "le taux d'absentéisme des élèves suivis",
    "la satisfaction des participants",
    "le nombre de professionnels formés",
]
OBJECTIVES = [
    "Favoriser la réussite éducative de chaque enfant",
    "Renforcer le lien entre les familles et l'école",
    "Développer la maîtrise de la langue orale et écrite",
    "Prévenir le décrochage scolaire dès l'école élémentaire",
    "Ouvrir l'horizon culturel des enfants et des jeunes",
    "Accompagner les parents dans leur rôle éducatif",
    "Faire découvrir les métiers et les filières de formation",
    "Lutter contre les stéréotypes de genre",
    "Développer l'esprit critique face aux écrans et aux médias",
    "Encourager la pratique sportive régulière",
    "Améliorer le climat scolaire dans et autour de l'école",
    "Valoriser les compétences des enfants auprès de leurs familles",
    "Favoriser la continuité éducative entre les temps scolaire et périscolaire",
    "Renforcer la coopération entre les professionnels du territoire",
    "Prévenir le harcèlement et les violences entre élèves",
    "Soutenir l'ambition scolaire des collégiens",
    "Faciliter l'accès aux lieux culturels de la ville",
    "Développer la confiance en soi et la prise de parole",
    "Sensibiliser les enfants au développement durable",
    "Accompagner la transition entre l'école et le collège",
    "Lutter contre la fracture numérique des familles",
    "Favoriser l'engagement citoyen des jeunes",
    "Mieux repérer les enfants en difficulté",
    "Mutualiser les ressources des structures du quartier",
]
VERBES = ["Lire", "Grandir", "Jouer", "Créer", "Apprendre", "Bouger", "Partager", "Rêver"]
VERBES += ["Construire", "Découvrir", "Grandir ensemble", "Oser"]
NOMS = ["Horizons", "Tremplin", "Passerelle", "Cap", "Envol", "Boussole", "Escale", "Ricochet"]
NOMS += ["Déclic", "Élan", "Relais", "Racines"]
PERSONNES = ["Jules Ferry", "Louise Michel", "Marie Curie", "Victor Hugo", "Jean Jaurès"]
PERSONNES += ["Simone Veil", "Olympe de Gouges", "Albert Camus", "Rosa Bonheur", "Jean Zay"]
PRENOMS_F = ["Camille", "Sarah", "Nadia", "Julie", "Fatima", "Claire", "Inès", "Sophie"]
PRENOMS_F += ["Amina", "Léa", "Aurélie", "Yasmine", "Nathalie", "Émilie", "Karima", "Hélène"]
PRENOMS_F += ["Manon", "Samia", "Isabelle", "Chloé", "Malika", "Anne", "Sandrine", "Lina"]
PRENOMS_M = ["Thomas", "Karim", "Julien", "Mehdi", "Nicolas", "Yacine", "Pierre", "Sofiane"]
PRENOMS_M += ["Antoine", "Bilal", "Olivier", "Mathieu", "Rachid", "Vincent", "Hugo", "Samir"]
PRENOMS_M += ["François", "Ali", "Benoît", "Théo", "Moussa", "Laurent", "Jérôme", "Ilyes"]
NOMS_FAMILLE = ["Martin", "Lefebvre", "Dupont", "Benali", "Lemaire", "Vandenbussche"]
NOMS_FAMILLE += ["Mercier", "Haddad", "Dubois", "Delattre", "Roussel", "Mansouri", "Leroy"]
NOMS_FAMILLE += ["Decottignies", "Bouzid", "Carpentier", "Durand", "Kaci", "Vasseur"]
NOMS_FAMILLE += ["Hennebelle", "Petit", "Ouali", "Desmet", "Lambert", "Cherif", "Wallart"]
NOMS_FAMILLE += ["Fontaine", "Traoré", "Delcroix", "Nowak", "Leclercq", "Diallo", "Bernard"]
NOMS_FAMILLE += ["Masson", "Ziani", "Verhaeghe", "Garcia", "Duhamel"]
FONCTIONS = [
    ("Coordinateur de la Cité éducative", "Coordinatrice de la Cité éducative"),
    ("Chargé de mission réussite éducative", "Chargée de mission réussite éducative"),
    ("Directeur du centre social", "Directrice du centre social"),
    ("Principal de collège", "Principale de collège"),
    ("Directeur d'école", "Directrice d'école"),
    ("Conseiller pédagogique", "Conseillère pédagogique"),
    ("Médiateur social", "Médiatrice sociale"),
    ("Responsable du secteur jeunesse", "Responsable du secteur jeunesse"),
    ("Référent familles", "Référente familles"),
    ("Bibliothécaire jeunesse", "Bibliothécaire jeunesse"),
    ("Chef de projet politique de la ville", "Cheffe de projet politique de la ville"),
    ("Délégué du préfet", "Déléguée du préfet"),
    ("Coordonnateur REP+", "Coordonnatrice REP+"),
    ("Éducateur spécialisé", "Éducatrice spécialisée"),
    ("Chargé de développement", "Chargée de développement"),
]
CONTACT_ROLES = [
    (ActionContact.Role.TROIKA, 3),
    (ActionContact.Role.VILLE, 3),
    (ActionContact.Role.STRUCTURE, 4),
    (ActionContact.Role.MEDIATHEQUE, 1),
    (ActionContact.Role.REGION, 1),
]
