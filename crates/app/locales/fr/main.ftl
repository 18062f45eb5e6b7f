# Cohorte — interface en français (langue par défaut).
# Chaque message existe aussi dans ../en/main.ftl (vérifié par un test).

## Site
site-name = Entrepreneurs d’intérêt général
site-tagline = Des talents du numérique au service de l’intérêt général
home-link-title = Accueil — Entrepreneurs d’intérêt général
menu = Menu
close = Fermer
nav-label = Menu principal
nav-home = Accueil
nav-challenges = Défis
nav-community = Communauté
nav-coaching = Accompagnement
nav-blog = Blog
nav-publications = Publications
nav-figures = Chiffres clés
nav-faq = Questions fréquentes
skiplinks-label = Accès rapide
skiplinks-content = Contenu
skiplinks-menu = Menu
skiplinks-footer = Pied de page
blog-feed-title = Blog du programme Entrepreneurs d’intérêt général
footer-about = Le programme Entrepreneurs d’intérêt général (EIG) fait venir, pour dix mois, des talents du numérique dans les administrations pour relever des défis d’intérêt général. Ce site est propulsé par Cohorte, logiciel libre.
footer-attribution = Données : Programme Entrepreneurs d’intérêt général, Etalab / DINUM — site-eig, mis à jour le 5 septembre 2022, réutilisées sous
footer-licence = Licence Ouverte 2.0
footer-sitemap = Plan du site
footer-accessibility = Accessibilité : partiellement conforme
footer-legal = Mentions légales
footer-open-data = Données ouvertes (API)
footer-feed = Flux Atom du blog
footer-copy = Sauf mention contraire, tous les contenus de ce site sont sous licence etalab-2.0.

## Pagination, fil d’Ariane
pager-label = Pagination
pager-first = Première page
pager-prev = Page précédente
pager-next = Page suivante
pager-last = Dernière page
pager-page = Page { $count }
breadcrumb-label = vous êtes ici :
breadcrumb-show = Voir le fil d’Ariane

## Dates
date-long = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Erreurs
error-code = Erreur { $code }
error-home = Page d’accueil
error-challenges = Voir les défis
error-title-400 = Requête incorrecte
error-text-400 = L’adresse demandée contient des paramètres que nous ne pouvons pas lire. Corrigez-les ou repartez de la page d’accueil.
error-title-404 = Page non trouvée
error-text-404 = La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée. Si vous avez tapé l’adresse dans le navigateur, vérifiez qu’elle est correcte ; la page n’est peut-être plus disponible.
error-title-405 = Méthode non autorisée
error-text-405 = Cette adresse n’accepte pas ce type de requête.
error-title-408 = Délai dépassé
error-text-408 = Le serveur a mis trop de temps à répondre. Réessayez dans un instant.
error-title-413 = Contenu trop volumineux
error-text-413 = Les données envoyées dépassent la taille autorisée.
error-title-414 = Adresse trop longue
error-text-414 = L’adresse demandée est trop longue. Réduisez vos critères de recherche.
error-title-500 = Erreur inattendue
error-text-500 = Désolés, le service rencontre un problème. Nous y travaillons ; réessayez plus tard.
error-reference = Référence à nous communiquer : { $id }
error-title-403 = Accès refusé
error-text-403 = Vous n’avez pas accès à cette page avec votre compte.
error-title-429 = Trop de tentatives
error-text-429 = Vous avez fait trop de tentatives. Réessayez plus tard, dans l’heure.
field-form = Formulaire
field-email = Adresse électronique
field-name = Nom
field-role = Rôle
field-code = Code
field-reason = Motif
error-csrf = a expiré ou ne vient pas de ce site : rechargez la page et recommencez
error-invalid-email = n’est pas une adresse électronique valide
error-same-email = est déjà votre adresse
error-invalid-name = doit faire de 1 à 120 caractères, sans caractère de contrôle
error-invalid-role = doit être un rôle connu
error-already-enrolled = un second facteur est déjà configuré
error-proposal-changed = a changé entre-temps : rechargez la page pour voir la version actuelle
error-conflict = est en conflit avec une donnée existante
error-field = { $field } : { $problem }
field-query = Paramètres de l’adresse
field-path = Adresse
field-uri = Adresse
field-cohort = Promotion
field-skill = Compétence
field-administration = Administration
field-year = Année
field-q = Recherche
field-page = Page
field-profile = Profil
error-invalid-query = les paramètres sont mal formés (un même paramètre est-il répété ?)
error-invalid-encoding = contient des caractères invalides
error-too-long = est trop long
error-invalid-identifier = n’est pas un identifiant valide (lettres minuscules, chiffres et tirets)
error-invalid-skill = n’est pas une compétence connue
error-invalid-year = doit être une année entre 2000 et 2100
error-too-many-words = comporte trop de mots (6 au plus)
error-invalid-text = contient des caractères non autorisés
error-invalid-page = doit être un numéro de page entre 1 et 10 000
error-invalid-profile = n’est pas un profil connu

## Accueil
home-title = Entrepreneurs d’intérêt général
home-lead = Depuis 2017, le programme fait venir des data scientists, des designers et des développeurs dans les administrations, en équipes de deux ou trois, pour dix mois, afin de relever avec les agents publics des défis d’intérêt général.
home-cta-challenges = Découvrir les défis
home-cta-community = Rencontrer la communauté
home-figures-title = Le programme en chiffres
home-figures-how = Comment ces chiffres sont calculés
home-figures-note = { $projects } projets distincts : la liste des défis en affiche { $pages }, car un même projet peut y avoir plusieurs pages (il ne compte ici qu’une fois).
home-steps-title = Comment fonctionne le programme
home-step-1-title = Les administrations proposent des défis.
home-step-1 = Un appel à projets recueille des défis numériques ; un jury sélectionne les plus prometteurs.
home-step-2-title = Des talents candidatent.
home-step-2 = Data scientists, designers, développeuses et développeurs postulent ; des jurys composés avec les mentors de chaque défi les sélectionnent.
home-step-3-title = Dix mois au cœur de l’administration.
home-step-3 = Les équipes travaillent avec leurs mentors dans l’administration d’accueil, accompagnées par le programme.
home-step-4-title = Pérenniser et mesurer l’impact.
home-step-4 = Les outils sont mis en production, documentés, ouverts ; le programme suit leur devenir.
home-latest-challenges = Défis récents
home-all-challenges = Tous les défis
home-cohorts-title = Les promotions
home-testimonials-title = Ils témoignent
home-latest-posts = Derniers articles
home-all-posts = Tous les articles
count-challenges = { $count ->
    [0] aucun défi
    [one] { $count } défi
   *[other] { $count } défis
}
count-people = { $count ->
    [0] aucune personne
    [one] { $count } personne
   *[other] { $count } personnes
}
count-posts = { $count ->
    [0] aucun article
    [one] { $count } article
   *[other] { $count } articles
}

## Chiffres clés (définitions nommées et versionnées)
figure-challenges-coached-short = défis accompagnés
figure-administrations-helped-short = administrations accompagnées
figure-fellows-recruited-short = entrepreneurs recrutés
figure-public-servants-onboarded-short = agents publics mentors
figure-challenges-coached-v1-name = Défis accompagnés
figure-challenges-coached-v1-definition = Nombre de projets distincts accompagnés dans les promotions considérées. Les pages d’un même projet sont comptées une fois (les deux pages Sequoia de la promotion DIG) ; les défis internes « EIG Link » sont comptés ; un défi reconduit d’une promotion à l’autre compte dans chacune.
figure-administrations-helped-v1-name = Administrations accompagnées
figure-administrations-helped-v1-definition = Nombre d’organisations d’accueil distinctes, après rattachement de chaque libellé d’administration publié à l’arbre des organisations (variantes d’écriture, sigles et anciens noms fusionnés, ex. DINSIC, Etalab et DINUM ; directions comptées séparément de leur ministère).
figure-fellows-recruited-v1-name = Entrepreneurs recrutés
figure-fellows-recruited-v1-definition = Nombre de personnes distinctes ayant tenu un rôle d’entrepreneur (EIG) sur un défi des promotions considérées, y compris les EIG Link ; une personne recrutée deux fois compte une fois ; les deux EIG de la première promotion classés par erreur parmi les mentors sont comptés comme entrepreneurs.
figure-public-servants-onboarded-v1-name = Agents publics mentors
figure-public-servants-onboarded-v1-definition = Nombre de personnes distinctes ayant été mentor d’un défi des promotions considérées, hors membres de l’équipe du programme ; les mentors sans fiche publique sont comptés.

## Défis
challenges-title = Les défis
challenges-lead = Les défis numériques proposés par les administrations et relevés par les entrepreneurs d’intérêt général depuis 2017.
filters-label = Filtrer la liste
filter-search = Rechercher
filter-search-hint = Titre, administration, mots de la description ; les accents et majuscules sont ignorés.
filter-cohort = Promotion
filter-all-cohorts = Toutes les promotions
filter-skill = Compétence
filter-all-skills = Toutes les compétences
filter-administration = Administration
filter-administration-hint = Un ministère inclut les directions et opérateurs qui en dépendent.
filter-all-administrations = Toutes les administrations
filter-year = Année
filter-all-years = Toutes les années
filter-submit = Filtrer
filter-reset = Effacer les filtres
filter-name = Nom
filter-profile = Profil
filter-all-profiles = Tous les profils
challenges-empty = Aucun défi ne correspond à ces critères. Essayez une recherche plus courte ou retirez un filtre.
skill-dev = Développement
skill-design = Design
skill-datascience = Data science
skill-dataengineering = Data engineering
skill-geomatique = Géomatique
duration-months = { $count ->
    [one] { $count } mois
   *[other] { $count } mois
}
challenge-renews = Ce défi prolonge
challenge-about = Le défi
challenge-key-figures = Chiffres clés
challenge-deliverables = Réalisations
challenge-renewed-by = Suites de ce défi
challenge-administration = Administration d’accueil
challenge-as-published = Libellé publié :
challenge-administration-site = Site de l’administration
challenge-demo = Voir la démo
challenge-source-code = Code source
challenge-team = L’équipe
challenge-no-fellows = L’équipe de ce défi n’est pas encore constituée.
challenge-fellows = Entrepreneurs d’intérêt général
challenge-mentors = Mentors
challenge-json = Ce défi en données ouvertes (JSON)
profile-data-scientist = Data scientist
profile-data-engineer = Data engineer
profile-developer = Développeur ou développeuse
profile-designer = Designer
profile-mentor = Mentor
profile-program-team = Équipe du programme

## Communauté
community-title = La communauté
community-lead = Entrepreneurs, mentors et équipe du programme : une seule identité par personne, à travers les promotions et les rôles.
community-empty = Personne ne correspond à ces critères.
person-bio = Présentation
person-no-bio = Pas de présentation publiée.
person-roles = Parcours dans le programme
person-posts = Articles
person-links = Liens
person-github = GitHub : { $handle }
person-gitlab = GitLab : { $handle }
person-linkedin = LinkedIn
person-twitter = Twitter : @{ $handle }
person-website = Site personnel
role-program_staff = Équipe du programme
role-eig_link = EIG Link
role-validator = Validation
role-preselector = Présélection
role-jury_member = Membre de jury
role-candidate = Candidature
role-fellow = Entrepreneur d’intérêt général
role-operational_mentor = Mentor
role-executive_sponsor = Mentor stratégique
role-project_team_member = Équipe projet
role-hr_contact = Contact RH
role-finance_contact = Contact gestion
role-admin_contact = Contact administration
role-alumni = Alumni
role-guest_expert = Expert invité

## Blog
blog-title = Le blog
blog-lead = Retours d’expérience, méthodes et actualités du programme, écrits par l’équipe, les entrepreneurs et les mentors.
blog-tags = Thèmes
blog-feed = S’abonner au flux Atom
blog-tag-title = Articles : { $tag }
post-published = Publié le { $date }
post-back = Tous les articles
tag-accompagnement = accompagnement
tag-algorithme = algorithme
tag-collectif = collectif
tag-datascience = datascience
tag-design = design
tag-developpement = développement
tag-ecosysteme = écosystème
tag-evaluation = évaluation
tag-international = international
tag-interdisciplinarite = interdisciplinarité
tag-methode = méthode
tag-open = open
tag-outil = outil
tag-partenariat = partenariat
tag-perennisation = pérennisation
tag-recrutement = recrutement
tag-realisation = réalisation
tag-temoignage = témoignage

## FAQ
faq-title = Questions fréquentes
faq-lead = Les réponses du programme aux questions des administrations et des candidats.
faq-administrations = Administrations
faq-candidates = Candidates et candidats
faq-empty = Pas encore de question dans cette langue.

## Publications
publications-title = Publications
publications-lead = Livrets, rapports d’analyse et documents des appels du programme.
publications-empty-title = Aucune publication pour le moment
publications-empty-text = Les livrets de fin de promotion, rapports et documents d’appel seront publiés ici. En attendant, les retours d’expérience du programme sont sur le blog.
publications-empty-blog = Lire le blog

## Chiffres
figures-title = Chiffres clés
figures-lead = Ces chiffres sont calculés à partir des données enregistrées, avec des définitions nommées et versionnées : une définition ne change jamais de sens, une nouvelle règle devient une nouvelle version.
figures-caption = Chiffres calculés, par définition et par périmètre
figures-col-figure = Chiffre (définition)
figures-col-all = Toutes les promotions
figures-col-eig13 = EIG 1 à 3 et DIG
figures-col-declared = Chiffre publié par le programme
figures-definitions = Définitions
figures-declared-title = Chiffres publiés à la main sur l’ancien site
figures-declared-text = L’ancien site affichait des chiffres saisis à la main, différents selon la langue de la page. Ils sont conservés avec leur source pour comparaison ; ce site affiche les chiffres calculés.
figures-scope-title = Périmètre
figures-scope-text = Le périmètre « EIG 1 à 3 et DIG » est celui des chiffres publiés par le programme en 2020 ; « Toutes les promotions » inclut EIG 4.
figures-declared-line = { $figure } : { $value } — { $source } ({ $date })
figures-json = Ces chiffres en données ouvertes (JSON)

## Accompagnement
coaching-title = L’accompagnement
coaching-lead = Pendant dix mois, le programme accompagne les entrepreneurs et leurs mentors, à chaque étape : cadrage, feuille de route, mise en production, valorisation et pérennisation.
coaching-goals = Deux objectifs guident l’accompagnement : donner aux entrepreneurs les clés pour comprendre le fonctionnement de l’administration, et construire un esprit de promotion qui favorise l’entraide, l’apprentissage entre pairs et la bienveillance.
coaching-bootcamp-title = Bootcamp d’intégration
coaching-bootcamp-text = Une semaine pour se connaître, apprendre les codes de l’administration, rencontrer l’écosystème (CNIL, ANSSI, Etalab, beta.gouv) et travailler la vision de chaque défi avec les mentors. Un mini-bootcamp est consacré aux mentors.
coaching-bootcamp-rhythm = Une semaine, quelques semaines après l’arrivée
coaching-plenary-title = Sessions collectives
coaching-plenary-text = Chaque session commence par un point d’une minute par défi, puis un thème en ateliers : prototyper et tester, faciliter l’adoption, pérenniser, documenter, évaluer. Des sessions sont réservées aux mentors.
coaching-plenary-rhythm = Une journée par mois ; les mentors une session tous les deux mois
coaching-seminar-title = Séminaires hors les murs
coaching-seminar-text = Deux jours pour accélérer les défis, prendre du recul et renforcer la promotion, en forum ouvert : le programme est construit avec les entrepreneurs (rétrospective, « FailCon », prospective).
coaching-seminar-rhythm = Deux par promotion : à mi-parcours et avant la fin
coaching-followup-title = Suivi individuel
coaching-followup-text = Un référent par défi apporte conseil technique, opérationnel et stratégique, médiation et mises en relation avec les experts (juridique, données, logiciel libre, design).
coaching-followup-rhythm = Environ tous les dix jours
coaching-bulletin-title = Bulletins hebdomadaires
coaching-bulletin-text = Chaque équipe répond à quatre questions : état d’esprit, priorité de la semaine, ce qui a marché ou été difficile, besoin d’aide. Une synthèse est envoyée à toute la promotion.
coaching-bulletin-rhythm = Chaque vendredi
coaching-peer-title = Apprentissage entre pairs
coaching-peer-text = Revues de design et de code, points par métier, cartographie des compétences, sessions auto-organisées et groupes de travail thématiques.
coaching-peer-rhythm = Au fil de l’eau
coaching-demoday-title = Demo day
coaching-demoday-text = À mi-parcours, chaque équipe présente son avancement en quelques minutes et recueille des retours.
coaching-demoday-rhythm = À mi-parcours
coaching-showcase-title = Restitution finale
coaching-showcase-text = Démonstrations, tables rondes, posters, vidéos et livret : la promotion présente ses réalisations au public.
coaching-showcase-rhythm = En fin de promotion
coaching-calendar-title = Une année type (promotion 4, 2020-2021)
coaching-calendar-text = Le calendrier de la quatrième promotion, tel que le programme l’a mené :
coaching-calendar-1 = septembre : bootcamp d’intégration, puis session des mentors sur le premier mois
coaching-calendar-2 = octobre : prototyper, tester, évaluer (revues de projets, indicateurs)
coaching-calendar-3 = novembre : faciliter l’adoption
coaching-calendar-4 = décembre : pérenniser les défis (mentors) et séminaire intermédiaire
coaching-calendar-5 = février : demo day public en ligne
coaching-calendar-6 = mars : ouvrir les défis (mentors) et séminaire de mi-parcours
coaching-calendar-7 = avril à juin : consolider, documenter, évaluer et valoriser
coaching-calendar-8 = juin : restitution finale
coaching-templates-title = Des outils pour chaque étape
coaching-templates-text = Vision du défi, carte des acteurs, feuille de route, indicateurs de succès, pyramide et scénarios de pérennisation, consolidation, listes d’arrivée et de départ : le programme fournit des canevas adaptés au moment de l’année.
coaching-posts = Lire les articles sur l’accompagnement

## Déclaration d’accessibilité
a11y-title = Déclaration d’accessibilité
a11y-s1-title = État de conformité
a11y-s1-p1 = Ce site est en conformité partielle avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et dérogations énumérées ci-dessous.
a11y-s1-p2 = Aucun audit manuel complet n’a encore été réalisé : cette déclaration repose sur des tests automatisés et sur les composants du Système de design de l’État (DSFR).
a11y-s2-title = Résultats des tests
a11y-s2-p1 = Chaque type de page publique est vérifié automatiquement, en français et en anglais, avec axe-core (règles WCAG 2.1 niveaux A et AA) dans un navigateur réel, à chaque modification du code. Aucune violation n’est tolérée par ces tests.
a11y-s2-p2 = Les tests automatisés ne couvrent qu’une partie des critères du RGAA ; un audit manuel reste à mener.
a11y-s3-title = Contenus non accessibles
a11y-s3-p1 = Les contenus repris de l’ancien site du programme (descriptions des défis, présentations, articles) sont affichés tels qu’ils ont été publiés, en français même sur les pages en anglais (la langue de ces passages est indiquée). Les images de ces contenus ne sont pas reprises ; leur texte alternatif n’est donc pas affiché.
a11y-s3-p2 = La documentation interactive de l’API est fournie par un composant tiers (Swagger UI) dont l’accessibilité n’a pas été évaluée ; les mêmes informations sont disponibles dans le document OpenAPI.
a11y-s4-title = Technologies utilisées
a11y-s4-p1 = HTML5, CSS, JavaScript (le site reste utilisable sans JavaScript), Système de design de l’État (DSFR).
a11y-s5-title = Environnement de test
a11y-s5-p1 = Chromium en mode sans interface, avec axe-core ; les pages sont aussi parcourues par un robot qui suit chaque lien interne.
a11y-s6-title = Retour d’information et contact
a11y-s6-p1 = Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’équipe du programme pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
a11y-s7-title = Voies de recours
a11y-s7-p1 = Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits : par le formulaire en ligne, auprès d’un délégué dans votre région, ou par courrier gratuit (Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).

## Mentions légales
legal-title = Mentions légales
legal-s1-title = Éditeur
legal-s1-p1 = Ce site est une installation de Cohorte, logiciel libre de gestion de programmes de fellowship d’intérêt général. L’éditeur est l’organisation qui l’exploite ; pour cette installation de démonstration, il s’agit de l’équipe du projet Cohorte.
legal-s2-title = Hébergement
legal-s2-p1 = Le service est hébergé par l’organisation qui l’exploite ; les données sont stockées dans sa base de données, sans service tiers.
legal-s3-title = Réutilisation des contenus
legal-s3-p1 = Les données du programme (défis, communauté, articles, questions fréquentes) proviennent du site du programme Entrepreneurs d’intérêt général, Etalab / DINUM (dépôt site-eig, mis à jour le 5 septembre 2022), publiées sous Licence Ouverte 2.0. Leur réutilisation est libre, y compris commerciale, à condition d’en mentionner la source.
legal-s3-p2 = Les données sont aussi disponibles en JSON et en CSV, décrites par un document OpenAPI.
legal-s4-title = Données personnelles
legal-s4-p1 = Les fiches de la communauté reprennent les informations que les personnes ont accepté de publier sur le site du programme. Aucune information n’y a été ajoutée d’une autre source et les photographies ne sont pas reprises.
legal-s4-p2 = Pour faire rectifier ou retirer une fiche, contactez l’équipe du programme.
legal-s5-title = Cookies
legal-s5-p1 = Ce site ne dépose qu’un cookie, strictement nécessaire : celui qui mémorise la langue choisie. Il n’y a ni mesure d’audience ni traceur tiers.
legal-s6-title = Logiciel
legal-s6-p1 = Cohorte est un logiciel libre. Il utilise le Système de design de l’État (DSFR), dont l’usage est réservé aux services de l’État.

## API
api-title = Données ouvertes
api-lead = Les défis, la communauté et les chiffres clés sont disponibles en JSON et en CSV, sans authentification.
api-licence = Licence Ouverte 2.0 — source : Programme Entrepreneurs d’intérêt général, Etalab / DINUM — site-eig, mis à jour le 5 septembre 2022. Les fichiers CSV neutralisent les formules de tableur.

# The OpenAPI document (/api/openapi.json): api-doc-<operation id>[-<status>|-<parameter>],
# api-doc-<Schema>[-<property>]. The English texts are the doc comments of crates/web/src/routes/api.rs
# (a test checks that they agree).
api-doc-tag = Données ouvertes
api-doc-tag-description = Les défis, les personnes et les chiffres clés, en JSON et en CSV, sans authentification.
api-doc-title = Données ouvertes de Cohorte
api-doc-description = Les défis, les personnes et les chiffres clés du programme EIG. Les données sont sous Licence Ouverte 2.0 (Etalab) : leur réutilisation est libre, avec mention de la source. Cohorte, le logiciel qui les sert, est sous licence MIT.
api-doc-challenges = Tous les défis publics (JSON).
api-doc-challenges-200 = Tous les défis publics.
api-doc-challenges_csv = Tous les défis publics (CSV, formules de tableur neutralisées).
api-doc-challenges_csv-200 = Tous les défis publics, un par ligne.
api-doc-challenge = Un défi public (JSON).
api-doc-challenge-200 = Le défi.
api-doc-challenge-404 = Aucun défi public ne porte cet identifiant.
api-doc-challenge-slug = Identifiant du défi.
api-doc-figures = Les chiffres clés et leurs définitions (JSON).
api-doc-figures-200 = Les chiffres.
api-doc-people = Toutes les personnes qui ont un profil public (JSON).
api-doc-people-200 = Toutes les personnes qui ont un profil public.
api-doc-people_csv = Toutes les personnes qui ont un profil public (CSV).
api-doc-people_csv-200 = Une personne par ligne.
api-doc-Administration = Une administration d’accueil.
api-doc-Administration-acronym = Sigle.
api-doc-Administration-as_published = L’administration telle que le programme l’a publiée.
api-doc-Administration-name = Son nom.
api-doc-Administration-parent = Organisation de rattachement (ministère).
api-doc-Administration-slug = Identifiant de l’organisation d’accueil.
api-doc-Administration-website = Site web.
api-doc-ApiError = Une réponse d’erreur (toute erreur sous `/api/` est en JSON).
api-doc-ApiError-error = Ce qui n’a pas fonctionné.
api-doc-Challenge = Un défi.
api-doc-Challenge-administration = Administration d’accueil.
api-doc-Challenge-city = Ville.
api-doc-Challenge-cohort = Promotion.
api-doc-Challenge-deliverables = Livrables.
api-doc-Challenge-description_markdown = Description longue (Markdown).
api-doc-Challenge-duration_months = Durée en mois.
api-doc-Challenge-fellows = Entrepreneurs d’intérêt général.
api-doc-Challenge-key_figures = Chiffres clés.
api-doc-Challenge-mentors = Mentors.
api-doc-Challenge-repositories = Dépôts de code source.
api-doc-Challenge-skills = Compétences recherchées.
api-doc-Challenge-slug = Identifiant.
api-doc-Challenge-status = Statut.
api-doc-Challenge-tagline = Accroche.
api-doc-Challenge-title = Titre.
api-doc-Challenge-url = Page.
api-doc-Challenge-website = Site de démonstration.
api-doc-Challenge-year = Année.
api-doc-ChallengeList = Tous les défis publics.
api-doc-ChallengeList-count = Leur nombre.
api-doc-ChallengeList-data = Les défis.
api-doc-ChallengeList-licence = Licence et mention de la source.
api-doc-ChallengeOne = Un défi.
api-doc-ChallengeOne-data = Le défi.
api-doc-ChallengeOne-licence = Licence et mention de la source.
api-doc-CohortRef = Une référence de promotion.
api-doc-CohortRef-code = Code (`eig-3`).
api-doc-CohortRef-title = Titre (en français).
api-doc-Declared = Un chiffre déclaré par le programme.
api-doc-Declared-as_of = Date.
api-doc-Declared-id = Identifiant du chiffre.
api-doc-Declared-lang = Langue de la page.
api-doc-Declared-source = Source.
api-doc-Declared-value = Valeur.
api-doc-Deliverable = Un livrable.
api-doc-Deliverable-description = Description.
api-doc-Deliverable-title = Titre.
api-doc-Deliverable-url = Lien.
api-doc-ErrorDetail = Ce qui n’a pas fonctionné.
api-doc-ErrorDetail-fields = Les problèmes des paramètres donnés.
api-doc-ErrorDetail-message = Message, dans la langue demandée.
api-doc-ErrorDetail-request_id = Référence à citer à l’équipe du programme.
api-doc-ErrorDetail-status = Statut HTTP.
api-doc-FieldProblem = Un problème de paramètre.
api-doc-FieldProblem-code = Code du problème.
api-doc-FieldProblem-field = Paramètre.
api-doc-FieldProblem-message = Message, dans la langue demandée.
api-doc-Figure = Un chiffre calculé.
api-doc-Figure-all_cohorts = Valeur sur toutes les promotions.
api-doc-Figure-definition_en = Définition (en anglais).
api-doc-Figure-definition_fr = Définition (en français).
api-doc-Figure-definition_key = Clé de la définition (`challenges-coached@1`).
api-doc-Figure-eig1_3_dig = Valeur sur EIG 1 à 3 et DIG.
api-doc-Figure-id = Identifiant du chiffre.
api-doc-Figure-name_en = Nom (en anglais).
api-doc-Figure-name_fr = Nom (en français).
api-doc-Figures = Les chiffres clés.
api-doc-Figures-computed = Calculés à partir des données.
api-doc-Figures-declared = Déclarés par le programme.
api-doc-Figures-licence = Licence et mention de la source.
api-doc-KeyFigure = Un chiffre clé.
api-doc-KeyFigure-amount = Le nombre.
api-doc-KeyFigure-description = Ce qu’il compte.
api-doc-Licence = La licence des données.
api-doc-Licence-attribution = La mention de la source qu’exige la licence.
api-doc-Licence-name = Nom de la licence.
api-doc-Licence-url = Texte de la licence.
api-doc-Member = Une personne d’une équipe.
api-doc-Member-name = Nom.
api-doc-Member-url = Page de profil (si elle est publique).
api-doc-PeopleList = Toutes les personnes qui ont un profil public.
api-doc-PeopleList-count = Leur nombre.
api-doc-PeopleList-data = Les personnes.
api-doc-PeopleList-licence = Licence et mention de la source.
api-doc-Person = Une personne qui a un profil public.
api-doc-Person-bio_markdown = Biographie (Markdown).
api-doc-Person-github = Identifiant GitHub.
api-doc-Person-gitlab = Identifiant GitLab.
api-doc-Person-linkedin = LinkedIn.
api-doc-Person-name = Nom.
api-doc-Person-profile = Profil (`designer`, `mentor`, …).
api-doc-Person-roles = Rôles dans les promotions.
api-doc-Person-slug = Identifiant.
api-doc-Person-twitter = Identifiant Twitter.
api-doc-Person-url = Page.
api-doc-Person-website = Site web.
api-doc-Role = Un rôle d’une personne.
api-doc-Role-challenge = Identifiant du défi.
api-doc-Role-cohort = Code de la promotion.
api-doc-Role-role = Rôle (`fellow`, `operational_mentor`, `program_staff`).
api-doc-Role-year = Année.
# Swagger UI’s own labels (static/api-docs.js replaces each English label with the page language’s).
swagger-try-it-out = Essayer
swagger-cancel = Annuler
swagger-execute = Exécuter
swagger-clear = Effacer
swagger-parameters = Paramètres
swagger-no-parameters = Aucun paramètre
swagger-name = Nom
swagger-responses = Réponses
swagger-links = Liens
swagger-no-links = Aucun lien
swagger-media-type = Type de média
swagger-example-value = Exemple de valeur
swagger-edit-value = Modifier la valeur
swagger-schema = Schéma
swagger-schemas = Schémas
swagger-request-url = Adresse de la requête
swagger-server-response = Réponse du serveur
swagger-response-body = Corps de la réponse
swagger-response-headers = En-têtes de la réponse
swagger-details = Détails
swagger-download = Télécharger
swagger-undocumented = Non documenté
swagger-expand-all = Tout déplier
swagger-collapse-all = Tout replier
swagger-expand-operation = Déplier l’opération
swagger-collapse-operation = Replier l’opération
swagger-required = obligatoire
swagger-loading = Chargement…
swagger-load-failed = Impossible de charger la définition de l’API.
swagger-copy = Copier dans le presse-papiers
swagger-controls = Détermine l’en-tête
swagger-accept-header = de la requête.

## Emails
mail-hello = Bonjour,
mail-footer = Programme Entrepreneurs d’intérêt général — message envoyé automatiquement, merci de ne pas y répondre.
mail-login-subject = Votre lien de connexion
mail-login-intro = Pour vous connecter, ouvrez ce lien puis confirmez la connexion :
mail-login-button = Me connecter
mail-login-expiry = { $count ->
    [one] Ce lien n’est valable qu’une fois, pendant { $count } minute, et seulement dans le navigateur où vous l’avez demandé.
   *[other] Ce lien n’est valable qu’une fois, pendant { $count } minutes, et seulement dans le navigateur où vous l’avez demandé.
}
mail-login-ignore = Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.
mail-invite-subject = Vous êtes invité·e sur la plateforme du programme
mail-invite-intro = { $inviter } vous invite à rejoindre la plateforme du programme avec ces rôles :
mail-invite-button = Accepter l’invitation
mail-invite-expiry = { $count ->
    [one] L’invitation est valable { $count } jour.
   *[other] L’invitation est valable { $count } jours.
}
mail-email-change-subject = Confirmez votre nouvelle adresse
mail-email-change-intro = Vous avez demandé à utiliser cette adresse pour votre compte. Pour confirmer, ouvrez ce lien :
mail-email-change-button = Confirmer cette adresse
mail-email-change-notice-subject = Changement d’adresse demandé
mail-email-change-notice = Un changement de l’adresse de votre compte vers une autre adresse a été demandé. Si ce n’est pas vous, connectez-vous et révoquez vos sessions, puis prévenez l’équipe du programme.

## Connexion
nav-account = Mon espace
login-title = Se connecter
login-lead = Recevez un lien de connexion par courriel : pas de mot de passe à retenir.
login-legend = Connexion par lien
login-email = Adresse électronique
login-email-hint = Format attendu : nom@domaine.fr
login-submit = Recevoir un lien de connexion
login-privacy = Le lien n’est valable qu’une fois, 15 minutes, et dans ce navigateur seulement. Nous ne disons pas si une adresse a un compte.
login-oidc-title = Équipe du programme et jurys
login-oidc-text = Si votre compte est relié à votre identité professionnelle, connectez-vous avec elle.
login-oidc-button = Se connecter avec { $provider }
login-sent-title = Vérifiez votre messagerie
login-sent-text = Si un compte correspond à cette adresse, un lien de connexion vient d’y être envoyé. Ouvrez-le dans ce navigateur dans les 15 minutes.
login-sent-spam = Rien reçu ? Regardez dans les indésirables, puis recommencez.
login-back = Revenir à la connexion
login-again = Demander un nouveau lien
login-with-email = Se connecter par courriel
confirm-login-title = Confirmer la connexion
confirm-login-text = Vous allez vous connecter avec le lien reçu par courriel. Confirmez pour continuer.
confirm-login-button = Me connecter
link-invalid-title = Lien expiré ou déjà utilisé
link-invalid-text = Ce lien n’est plus valable : il a déjà servi, a expiré, ou n’a jamais existé. Demandez-en un nouveau.
link-other-browser-title = Ouvrez le lien dans le bon navigateur
link-other-browser-text = Ce lien a été demandé depuis un autre navigateur. Par sécurité, il ne fonctionne que dans celui-là : ouvrez-le là-bas, ou demandez un nouveau lien ici.
second-factor-title = Second facteur
second-factor-code = Code
second-factor-hint = Les 6 chiffres affichés par votre application d’authentification.
second-factor-hint-recovery = Les 6 chiffres de votre application, ou l’un de vos codes de secours.
second-factor-submit = Valider
second-factor-failed = Ce code n’est pas valide. Vérifiez l’heure de votre téléphone et réessayez.
logout-title = Vous êtes déconnecté·e
logout-text = Votre session est fermée sur le serveur.
oidc-unlinked-title = Compte non relié
oidc-unlinked-text = Cette identité n’est reliée à aucun compte ici. Connectez-vous par courriel, puis reliez-la depuis votre espace.
oidc-refused-title = Connexion refusée
oidc-refused-text = La connexion n’a pas pu être vérifiée. Recommencez depuis la page de connexion.
invite-title = Accepter l’invitation
invite-text = Vous avez été invité·e à rejoindre la plateforme du programme. Acceptez pour activer votre compte et vos rôles.
invite-button = Accepter
invite-invalid-title = Invitation expirée ou déjà utilisée
invite-invalid-text = Cette invitation n’est plus valable. Demandez à l’équipe du programme de vous inviter à nouveau.
method-magic_link = lien par courriel
method-oidc = identité professionnelle (OpenID Connect)
method-totp = lien par courriel et second facteur
method-recovery_code = lien par courriel et code de secours

## Mon espace
account-title = Mon espace
account-notice-linked = Votre identité professionnelle est reliée à votre compte.
account-notice-saved = Modification enregistrée.
account-notice-revoked = Session révoquée.
account-notice-email = Votre adresse a été changée ; vos autres sessions ont été fermées.
account-needs-second-factor-title = Second facteur requis
account-needs-second-factor = Vos rôles d’équipe, de validation ou de jury ne sont actifs qu’après une connexion renforcée : configurez un second facteur, ou connectez-vous avec votre identité professionnelle.
account-second-factor-setup = Configurer un second facteur
account-profile = Profil
account-name = Nom
account-save = Enregistrer
account-public-profile = Voir ma page publique
account-emails = Adresses
account-primary = principale
account-unverified = non vérifiée
account-change-email = Changer d’adresse
account-roles = Rôles
account-no-roles = Aucun rôle pour le moment.
account-revoked = révoqué
account-security = Sécurité
account-signed-in-with = Connexion actuelle : { $method }.
account-second-factor-on = { $count ->
    [one] Second facteur activé. Il vous reste { $count } code de secours.
   *[other] Second facteur activé. Il vous reste { $count } codes de secours.
}
account-second-factor-off = Pas de second facteur.
account-new-recovery-codes = Générer de nouveaux codes de secours
account-remove-second-factor = Retirer le second facteur
account-oidc = Identité { $provider }
account-oidc-link = Relier mon identité { $provider }
account-sessions = Sessions ouvertes
account-session-browser = Navigateur
account-session-last-seen = Dernière activité
account-session-action = Action
account-session-since = depuis le { $date }
account-session-current = Cette session
account-session-revoke = Révoquer
account-unknown-browser = Navigateur inconnu
account-data = Mes données
account-export = Télécharger toutes mes données (JSON)
account-deletion-reason = Motif (facultatif)
account-deletion-request = Demander la suppression de mon compte
account-deletion-requested = Suppression demandée le { $date } : l’équipe du programme vous répondra.
account-logout = Se déconnecter
deletion-title = Demande enregistrée
deletion-text = Votre demande de suppression a été transmise à l’équipe du programme, qui la traitera dans le délai légal d’un mois.
enrol-title = Configurer un second facteur
enrol-lead = Le second facteur protège votre compte : à chaque connexion, en plus du lien, vous donnerez un code à 6 chiffres.
enrol-step-1 = Installez une application d’authentification (par exemple FreeOTP, Aegis ou celle de votre téléphone).
enrol-step-2 = Scannez ce code QR avec l’application.
enrol-step-3 = Saisissez le code à 6 chiffres qu’elle affiche.
enrol-qr-alt = Code QR à scanner avec votre application d’authentification (la clé est aussi donnée en texte ci-dessous)
enrol-manual = Ou saisissez cette clé à la main :
enrol-submit = Activer le second facteur
enrol-already-title = Second facteur déjà configuré
enrol-already-text = Votre compte a déjà un second facteur. Pour en changer, retirez-le d’abord depuis votre espace.
recovery-title = Vos codes de secours
recovery-warning = Notez ces codes et gardez-les en lieu sûr : chacun remplace une fois le code de l’application si vous perdez votre téléphone. Ils ne seront plus affichés.
recovery-done = J’ai noté mes codes
reauth-title = Confirmez votre identité
reauth-lead = Cette action demande une connexion de moins de 5 minutes.
reauth-send-link = M’envoyer un lien de confirmation
reauth-submit = Confirmer
reauth-sent-text = Un lien vient d’être envoyé à votre adresse. Ouvrez-le dans ce navigateur, puis revenez à cette page.
email-title = Changer d’adresse
email-current = Adresse actuelle : { $email }
email-new = Nouvelle adresse
email-new-hint = Un lien de confirmation y sera envoyé ; votre adresse actuelle sera prévenue.
email-submit = Envoyer le lien de confirmation
email-sent-title = Confirmez votre nouvelle adresse
email-sent-text = Si cette adresse peut être utilisée, un lien de confirmation vient d’y être envoyé. Ouvrez-le dans ce navigateur.
email-confirm-title = Confirmer la nouvelle adresse
email-confirm-text = Cette adresse remplacera l’actuelle pour la connexion et les messages. Vos autres sessions seront fermées.
email-confirm-button = Confirmer

## Tableau de bord (après connexion) et en-tête
header-signed-in-as = Connecté·e en tant que { $name }
menu-cohorts = Promotions
menu-challenges = Défis
menu-people = Personnes et rôles
menu-decisions = Décisions à valider
menu-areas = Mes espaces
dashboard-title = Tableau de bord
dashboard-lead = Ce qui vous attend, selon vos rôles.
dashboard-second-factor-title = Donnez votre second facteur
dashboard-second-factor = Vos rôles d’équipe, de validation, de présélection ou de jury ne s’affichent qu’après une connexion renforcée : configurez un second facteur (ou connectez-vous avec votre identité professionnelle).
dashboard-staff = Équipe du programme
dashboard-staff-none = Aucun appel à projets en cours.
dashboard-cohort-page = Page de la promotion
dashboard-to-prescreen = { $count ->
    [0] Aucune proposition à présélectionner
    [one] { $count } proposition à présélectionner
   *[other] { $count } propositions à présélectionner
}
dashboard-hearings-to-schedule = { $count ->
    [0] Aucune audition à planifier
    [one] { $count } audition à planifier
   *[other] { $count } auditions à planifier
}
dashboard-without-panel = { $count ->
    [0] Aucune proposition retenue sans jury
    [one] { $count } proposition retenue sans jury
   *[other] { $count } propositions retenues sans jury
}
dashboard-decisions-to-prepare = { $count ->
    [0] Aucune décision à préparer
    [one] { $count } décision à préparer
   *[other] { $count } décisions à préparer
}
dashboard-awaiting-validator = { $count ->
    [0] Aucune décision en attente de validation
    [one] { $count } décision en attente de validation
   *[other] { $count } décisions en attente de validation
}
dashboard-jury = Jury
dashboard-to-score = { $count ->
    [0] Aucune proposition à noter
    [one] { $count } proposition à noter
   *[other] { $count } propositions à noter
}
dashboard-rankings = { $count ->
    [0] Aucun classement à donner
    [one] { $count } classement à donner, comme référent
   *[other] { $count } classements à donner, comme référent
}
dashboard-ranking-line = { $panel } ({ $cohort }) : { $count ->
    [one] { $count } proposition auditionnée
   *[other] { $count } propositions auditionnées
}
dashboard-preselection = Présélection
dashboard-to-review = { $count ->
    [0] Aucune proposition à examiner
    [one] { $count } proposition à examiner
   *[other] { $count } propositions à examiner
}
dashboard-review-list = Toutes les propositions de la promotion
dashboard-validation = Validation des décisions
dashboard-validation-none = Aucun appel à projets en cours.
dashboard-staged = { $count ->
    [0] Aucune décision préparée à valider
    [one] { $count } décision préparée à valider
   *[other] { $count } décisions préparées à valider
}
dashboard-without-outcome = { $count ->
    [one] { $count } proposition auditionnée attend encore sa décision
   *[other] { $count } propositions auditionnées attendent encore leur décision
}
dashboard-proposals-all = Toutes mes propositions
dashboard-deadline = Échéance
dashboard-calls = Appels à projets
dashboard-calls-link = Proposer un défi
dashboard-account = Mon compte
dashboard-account-link = Profil, adresses, sessions et second facteur

## Espace équipe
admin-title = Espace équipe
admin-audit = Journal d’audit
admin-people = Personnes ayant un rôle
admin-invite = Inviter une personne
admin-invite-submit = Envoyer l’invitation
admin-invited = Invitation envoyée.
admin-role = Rôle
admin-choose-role = Choisir un rôle
admin-scope = Périmètre
admin-source = Origine
admin-revoke = Révoquer
admin-grant = Attribuer un rôle
admin-grant-submit = Attribuer
admin-cohort-hint = Laissez vide pour tout le programme.
admin-whole-program = Tout le programme
field-action = Action
field-object = Objet
audit-action = Action
audit-all-actions = Toutes les actions
audit-object = Objet
audit-when = Date
audit-who = Qui
audit-details = Détails
audit-count = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}
audit-chain-ok = { $count ->
    [one] Chaîne intègre : { $count } entrée vérifiée.
   *[other] Chaîne intègre : { $count } entrées vérifiées.
}
audit-chain-broken = Chaîne rompue à l’entrée { $count } : le journal a été modifié.
audit-sign_in = Connexion
audit-sign_in_failed = Échec de connexion
audit-sign_out = Déconnexion
audit-login_link_requested = Lien de connexion demandé
audit-rate_limited = Limite de fréquence atteinte
audit-session_revoked = Session révoquée
audit-role_granted = Rôle attribué
audit-role_revoked = Rôle révoqué
audit-invitation_sent = Invitation envoyée
audit-invitation_accepted = Invitation acceptée
audit-email_change_requested = Changement d’adresse demandé
audit-email_changed = Adresse changée
audit-totp_enrolled = Second facteur activé
audit-totp_removed = Second facteur retiré
audit-recovery_codes_regenerated = Codes de secours renouvelés
audit-oidc_linked = Identité OpenID reliée
audit-data_exported = Données téléchargées
audit-deletion_requested = Suppression demandée
audit-profile_updated = Profil modifié
audit-data_imported = Données importées
audit-access_denied = Accès refusé
audit-cohort_created = Promotion créée
audit-calendar_changed = Calendrier modifié
audit-rules_changed = Règles modifiées
audit-organisation_created = Organisation ajoutée
audit-proposal_created = Proposition créée
audit-proposal_member_invited = Contact invité sur une proposition
audit-document_uploaded = Document joint
audit-proposal_submitted = Proposition déposée
audit-proposal_withdrawn = Proposition retirée
audit-proposal_deleted = Brouillon supprimé
audit-proposal_status_changed = Statut de proposition modifié
audit-information_requested = Compléments demandés
audit-information_provided = Compléments envoyés
audit-review_saved = Avis de présélection enregistré
audit-panel_changed = Jury modifié
audit-conflict_declared = Conflit d’intérêts déclaré
audit-assignment_changed = Répartition modifiée
audit-hearing_scheduled = Audition planifiée
audit-evaluation_saved = Évaluation enregistrée
audit-ranking_saved = Classement enregistré
audit-decision_staged = Décision préparée
audit-decision_approved = Décisions validées
audit-results_published = Résultats publiés
audit-challenge_created = Défi créé
audit-challenge_published = Page de défi publiée
audit-challenge_edited = Page de défi modifiée
audit-application_created = Candidature commencée
audit-application_submitted = Candidature déposée
audit-application_withdrawn = Candidature retirée
audit-application_deleted = Brouillon de candidature supprimé
audit-reviewers_assigned = Relecteurs attribués aux candidatures
audit-application_reviewed = Candidature notée
audit-application_status_changed = Candidature : étape franchie
audit-interview_slot_opened = Créneau d’entretien ouvert
audit-interview_booked = Entretien réservé
audit-interview_cancelled = Entretien annulé
audit-interview_moved = Entretien déplacé
audit-challenge_suggested = Autre défi proposé
audit-suggestion_answered = Proposition de défi acceptée ou refusée
audit-candidates_ranked = Liste de candidats classée
audit-matching_published = Appariement publié, offres envoyées
audit-offer_answered = Réponse à une offre
audit-teams_announced = Équipes annoncées
audit-export_downloaded = Export téléchargé

## Développement
devmail-title = Courriels envoyés (développement)
devmail-lead = En développement et en démonstration, les courriels ne partent pas : ils sont listés ici, avec leurs liens.
devmail-empty = Aucun courriel pour le moment.
devmail-to = À : { $to }
devmail-demo-title = Second facteur des comptes de démonstration
devmail-demo-text = Code actuel (valable 30 secondes) :

## Call for projects: field errors and labels
error-required = est obligatoire
error-code-taken = est déjà pris par une autre promotion
error-invalid-choice = n’est pas un choix proposé
error-number-range = doit être un nombre entre 1 et 99
error-year-range = doit être une année entre 2015 et 2100
error-invalid-datetime = n’est pas une date et heure valide (AAAA-MM-JJ HH:MM)
error-datetime-nonexistent = n’existe pas à Paris : les horloges avancent d’une heure cette nuit-là
error-datetime-ambiguous = existe deux fois à Paris : les horloges reculent d’une heure cette nuit-là ; choisissez une autre heure
error-start-required = a une fin mais pas de début
error-period-ends-before-start = finit avant de commencer
error-closes-before-opening = ferme avant d’ouvrir
error-call-needs-both-dates = demande une date d’ouverture et une date de clôture
error-criteria-count = doit compter de 1 à 10 critères
error-invalid-key = a une clé manquante, invalide ou en double (minuscules, chiffres, _)
error-label-required = demande un libellé en français et en anglais
error-weight-range = a un poids hors de 1 à 10
error-scale-range = doit aller de 2 à 10
error-fellows-range = n’est pas dans le nombre d’EIG permis
error-profiles-required = demande au moins un profil
error-invalid-attestation = a une attestation incomplète ou en double
error-invalid-attachment = a une pièce incomplète, en double ou d’une taille hors de 1 à 20 Mio
error-limit-range = a une limite hors de 10 à 10 000 caractères
error-forbidden-characters = contient des caractères de contrôle
error-budget-programme = doit être un numéro de programme à 3 chiffres
error-amount-range = est hors des montants acceptés
error-too-many = compte trop de lignes
error-invalid-phone = n’est pas un numéro de téléphone valide
error-profile-not-offered = demande un profil que cette promotion ne propose pas
error-percent-range = doit être un pourcentage de 0 à 100
error-unknown-attestation = contient une attestation inconnue
error-one-profile-per-fellow = doit décrire un profil par EIG demandé
error-mission-required = demande une mission pour chaque profil
error-contact-required = demande un nom et une adresse électronique
error-team-required = demande au moins un membre de l’équipe projet
error-attestation-required = doivent toutes être cochées
error-attachment-required = manquent : joignez les pièces obligatoires
error-unknown-organisation = n’est pas dans l’annuaire des administrations
error-file-empty = est vide
error-file-too-large = dépasse la taille maximale
error-file-not-pdf = doit être un fichier PDF
error-deadline-passed = ne peut plus être déposé : la date limite est passée (l’horodatage de la plateforme fait foi)
error-version-conflict = a été modifié entre-temps (autre onglet ou autre personne) : rechargez la page pour voir la dernière version
error-choose-fields = demande au moins un champ à rouvrir
error-invalid-transition = ne permet pas cette étape
error-unknown-person = ne correspond à aucun compte : invitez d’abord cette personne
error-name-taken = est déjà utilisé
error-panel-conflict = compte un membre en conflit d’intérêts avec cette proposition
error-assign-first = doit d’abord être attribué à un jury
error-duration-range = doit être une durée de 10 à 240 minutes
error-https-link = doit être un lien https://
error-scores-incomplete = doivent noter chaque critère de la grille
error-score-range = ont une note hors de l’échelle
error-rank-every-heard-proposal = doit classer chaque proposition auditionnée, une fois
error-not-heard = n’est possible que pour une proposition auditionnée
error-already-published = ne peut plus changer : les résultats sont publiés
error-every-heard-proposal-needs-an-outcome = demandent une issue pour chaque proposition auditionnée
error-nothing-staged = ne comptent encore aucune issue
error-not-staging = ne sont pas en préparation
error-invalid-key-format = est invalide
field-kind = Type
field-number = Numéro
field-title_fr = Titre en français
field-title_en = Titre en anglais
field-copy_rules_from = Règles reprises de
field-calendar = Calendrier
field-criteria = Critères
field-scale_max = Échelle
field-fellows = Nombre d’EIG
field-profiles = Profils
field-attestations = Attestations
field-attachments = Pièces jointes
field-limits = Limites de longueur
field-host = Administration d’accueil
field-address = Adresse d’accueil
field-budget_programme = Programme budgétaire
field-forecast_cost = Coût prévisionnel
field-partners = Administrations partenaires
field-sort = l’ordre
field-contacts = Contacts
field-team = Équipe projet
field-datasets = Jeux de données
field-document = Document
field-fields = Champs
field-status = Statut
field-panel = Jury
field-organisation = Organisation
field-hearing_at = Date de l’audition
field-duration = Durée
field-mode = Modalité
field-location = Lieu ou lien
field-scores = Notes
field-opinion = Avis
field-comment = Commentaire
field-ranking = Classement
field-explanation = Explication
field-outcome = Issue
field-decisions = Décisions
field-publish_at = Date de publication
field-title = Titre
field-tagline = Accroche
field-city = Ville
field-website = Site
field-body_md = Texte de la page
field-notes = Notes
field-questions = Questions pour l’audition
field-recommendation = Recommandation
field-summary = Résumé
field-problem = Contexte et problème
field-solution = Solution envisagée
field-benefits = Bénéfices attendus
field-benchmark = Solutions existantes
field-status_text = État d’avancement
field-obstacles = Obstacles
field-legal = Enjeux juridiques et éthiques
field-people_met = Rencontres possibles
field-sustainability = Pérennisation
field-why_apply = Pourquoi candidater
field-needs = Besoins pour réussir
field-transformation = Transformation du service
field-resources = Moyens fournis
field-mission = Mission
field-expertise = Expertise
field-dataset_steps = Étapes d’accès aux données
field-operational_mentor = Mentor opérationnel
field-operational_mentor_2 = Second mentor opérationnel
field-executive_sponsor = Mentor de haut niveau
field-hr_contact = Contact RH
field-finance_contact = Contact gestion
field-aap_open = Ouverture de l’appel à projets
field-aap_close = Clôture de l’appel à projets
field-project_preselection = Présélection des projets
field-aap_jury = Auditions
field-laureates_announced = Annonce des lauréats
field-candidate_webinars = Webinaires candidats
field-aac_open = Ouverture de l’appel à candidatures
field-aac_close = Clôture de l’appel à candidatures
field-candidate_preselection = Présélection des candidats
field-project_choice_window = Choix des projets par les candidats
field-interviews = Entretiens
field-results_notified = Notification des résultats
field-results_public = Résultats publics
field-start = Début des défis
field-bootcamp = Bootcamp
field-demo_day = Demo day
field-seminar = Séminaire
field-showcase = Restitution finale
field-end = Fin des défis
field-cofunding_decree = Décret de cofinancement
field-milestone = Jalon

## Call for applications: mail
mail-application-subject = Candidature { $reference } déposée
mail-application-intro = Votre candidature à la promotion { $cohort } est bien déposée.
mail-application-next = La candidature est désormais en lecture seule. L’équipe du programme et les mentors des défis choisis vont l’étudier ; vous pouvez la suivre ici :
mail-application-next-choose = La candidature est désormais en lecture seule. Si elle est présélectionnée, vous choisirez ensuite vos défis par ordre de préférence. Vous pouvez la suivre ici :

mail-application-update-subject = Votre candidature { $reference }
mail-application-info = L’équipe du programme { $cohort } vous demande des compléments sur votre candidature :
mail-application-preselected = Votre candidature à la promotion { $cohort } est présélectionnée : vous allez être invité·e à un entretien.
mail-application-preselected-choose = Votre candidature à la promotion { $cohort } est présélectionnée : classez maintenant les défis qui vous intéressent, par ordre de préférence.
mail-application-refused = Votre candidature à la promotion { $cohort } n’est pas retenue pour la suite, pour la raison suivante :

mail-interview-booked = Votre entretien est réservé : { $when } (heure de Paris), { $where }. L’invitation est jointe pour votre agenda ; vous pouvez le déplacer ou l’annuler jusqu’à 24 heures avant.
mail-interview-cancelled = Votre entretien du { $when } ({ $where }) est annulé ; le créneau est libéré.
mail-interview-reminder = Rappel : votre entretien a lieu le { $when } (heure de Paris), { $where }. Si vous ne pouvez plus venir, vous pouvez le déplacer ou l’annuler jusqu’à 24 heures avant depuis votre candidature.
mail-suggestion = Le jury d’entretien vous propose aussi le défi « { $challenge } » ({ $profile }). Si vous l’acceptez, il s’ajoute après vos choix, et le jury de ce défi pourra vous classer ; vous pouvez aussi le refuser, sans conséquence sur vos autres choix.
mail-suggestion-note = Le mot du jury : { $note }
error-rank-interviewed-candidates-once = ne peut classer que des candidats auditionnés ayant choisi ce défi et ce profil, une fois chacun
error-slot-taken = n’est plus disponible : choisissez un autre créneau
error-too-late-to-cancel = ne peut plus être annulé moins de 24 heures avant

mail-offer = Bonne nouvelle : une place vous est proposée sur le défi « { $challenge } », profil { $profile }. Répondez avant le { $deadline } (heure de Paris) ; sans réponse, la place est proposée à la personne suivante.
error-offer-expired = a expiré : la date limite de réponse est passée

## Call for projects: mail
mail-submitted-subject = Proposition { $reference } déposée
mail-submitted-intro = Votre proposition « { $name } » à l’appel à projets { $cohort } est bien déposée.
mail-submitted-when = Horodatage de la plateforme, qui fait foi : { $when } — { $utc }.
mail-submitted-hash = Empreinte SHA-256 de ce qui a été déposé (formulaire et pièces jointes) : { $hash }
mail-submitted-next = La proposition est désormais en lecture seule. Vous pouvez la suivre ici :
mail-proposal-invite-subject = Invitation à contribuer à la proposition « { $name } »
mail-proposal-invite-intro = { $inviter } vous invite à contribuer à la proposition « { $name } » pour l’appel à projets { $cohort }.
mail-proposal-invite-role = Vous y figurez comme : { $role }. Pour accepter, ouvrez ce lien :
mail-info-requested-subject = Compléments demandés sur la proposition { $reference }
mail-info-requested-intro = L’équipe du programme demande des compléments sur la proposition « { $name } ». Les champs concernés sont rouverts : complétez-les, puis renvoyez la proposition.
mail-refused-subject = Votre proposition { $reference }
mail-refused-intro = La proposition « { $name } » ne peut pas être examinée plus avant, pour la raison suivante :
mail-shortlisted-subject = Proposition { $reference } invitée en audition
mail-shortlisted-intro = La proposition « { $name } » est présélectionnée. Vous recevrez l’invitation à l’audition avec son horaire.
mail-hearing-subject = Audition de la proposition { $reference }
mail-hearing-intro = La proposition « { $name } » sera auditionnée par le jury « { $panel } ».
mail-hearing-juror = Vous siégez au jury « { $panel } », qui auditionnera la proposition « { $name } ». Son dossier est en ligne.
mail-hearing-when = Horaire : { $when }, durée { $minutes } minutes. L’invitation de calendrier est jointe.
mail-hearing-video = En visioconférence : { $location }
mail-hearing-onsite = Sur place : { $location }
mail-selected-subject = Proposition { $reference } retenue
mail-selected-intro = Félicitations : la proposition « { $name } » est retenue et devient un défi de la promotion. L’équipe du programme vous contactera pour préparer sa page et le recrutement.
mail-reserve-subject = Proposition { $reference } : liste complémentaire
mail-reserve-intro = La proposition « { $name } » est inscrite sur la liste complémentaire. Nous vous recontacterons si une place se libère.
mail-not-selected-subject = Proposition { $reference } : résultat de l’appel à projets
mail-not-selected-intro = La proposition « { $name } » n’a pas été choisie par le jury. Merci de votre participation ; l’équipe du programme reste disponible pour en parler.
mail-not-shortlisted-subject = Proposition { $reference } : résultat de l’appel à projets
mail-not-shortlisted-intro = La proposition « { $name } » n’a pas été présélectionnée pour les auditions.
contact-operational_mentor = mentor opérationnel (porteur du projet)
contact-operational_mentor_2 = second mentor opérationnel
contact-executive_sponsor = mentor de haut niveau
contact-hr_contact = contact ressources humaines
contact-finance_contact = contact gestion (cofinancement)

## Call for projects: pages
yes = oui
no = non
autosave-saving = Enregistrement…
autosave-offline = Non enregistré : le serveur ne répond pas. Vos saisies restent dans cet onglet et seront enregistrées dès que possible.
autosave-failed = Non enregistré : corrigez les champs signalés. Vos saisies restent dans cet onglet.
autosave-restored = Vos saisies non enregistrées ont été remises dans le formulaire ; enregistrement en cours.
autosave-stale = Des saisies non enregistrées portaient sur une version plus ancienne : la version enregistrée depuis est affichée.
proposal-org-search-button = Chercher
proposal-upload-hint = Joindre un document enregistre aussi le formulaire : rien de ce que vous avez saisi n’est perdu.
autosave-saved = Brouillon enregistré automatiquement à { $when }.
calls-title = Appels à projets
calls-lead = Administrations : proposez un défi numérique d’intérêt général. Deux ou trois entrepreneurs d’intérêt général viendront le relever pendant dix mois avec votre équipe.
calls-none = Aucun appel à projets n’est ouvert pour le moment.
calls-open = Ouvert
calls-upcoming = À venir
calls-name = Nom du défi
calls-name-hint = Vous pourrez le modifier ; 120 caractères au plus.
calls-start = Commencer une proposition
calls-sign-in = Se connecter pour proposer un défi
phase-not-scheduled = Le calendrier de l’appel n’est pas encore fixé.
phase-upcoming = Ouverture le { $when }.
phase-open = Dépôt possible jusqu’au { $when } (l’horodatage de la plateforme fait foi).
phase-closed = Clos depuis le { $when }.
proposals-title = Mes propositions de défi
proposals-none = Aucune proposition pour le moment.
proposal-reference = Référence
proposal-name = Proposition
proposal-context = Contexte
proposal-status = Statut
proposal-extra = Détails
proposal-created = Proposition créée. Elle s’enregistre automatiquement pendant que vous la remplissez.
proposal-saved = Brouillon enregistré.
proposal-uploaded = Document joint.
proposal-invited = Invitation envoyée.
proposal-sent-back = Compléments envoyés à l’équipe du programme.
proposal-conflict-title = Modifiée entre-temps
proposal-conflict = Cette proposition a été modifiée depuis l’ouverture de la page (dans un autre onglet ou par une autre personne). Rien n’a été écrasé : copiez vos derniers ajouts, puis rechargez la page.
proposal-reload = Recharger la dernière version
proposal-errors = Certains champs sont à corriger
proposal-reason = Motif
proposal-info-requested = Compléments demandés
proposal-info-how = Les champs concernés sont rouverts ci-dessous. Enregistrez, puis renvoyez la proposition.
proposal-required-hint = Les champs marqués * sont obligatoires pour déposer la proposition ; le brouillon peut rester incomplet.
proposal-section-admin = Partie administrative et financière
proposal-section-description = Description du défi
proposal-section-team = Équipe et moyens
proposal-host-hint = L’administration qui accueillera les EIG (recherche dans l’annuaire, sigles compris).
proposal-funding-holder = Porteur administratif, s’il est différent
proposal-funding-holder-hint = Celui qui reçoit le cofinancement.
proposal-partners-hint = Pour un projet interministériel ; cinq au plus.
proposal-partner = Partenaire
proposal-cofunding = Nous demandons le cofinancement du programme
proposal-budget-hint = Numéro à 3 chiffres (crédits de titre 2).
proposal-cost-hint = Coût total employeur prévisionnel, en euros.
proposal-limit = { $count ->
    [one] { $count } caractère au plus
   *[other] { $count } caractères au plus
}
proposal-profile = Profil
proposal-profile-kind = Type de profil
proposal-dataset = Jeu de données
proposal-dataset-name = Nom
proposal-dataset-accessible = Déjà accessible et exploitable
proposal-team-member = Membre de l’équipe projet
proposal-function = Fonction
proposal-team-status = Statut
proposal-involvement = Implication (% du temps)
proposal-contribution = Contribution
proposal-phone = Téléphone
proposal-save = Enregistrer le brouillon
proposal-to-submit = Vérifier et déposer
proposal-provide = Renvoyer la proposition complétée
proposal-document-kind = Pièce
proposal-document-file = Fichier
proposal-document-none = non jointe
proposal-document-hint = PDF uniquement ; un nouveau fichier remplace le précédent.
proposal-upload = Joindre
proposal-members = Qui travaille sur cette proposition
proposal-invite-hint = Invitez les autres contacts : ils recevront un lien pour rejoindre la proposition.
proposal-invite-role = Rôle
proposal-invite = Inviter
proposal-withdraw-confirm = Je confirme vouloir retirer cette proposition ; c’est définitif.
proposal-withdraw = Retirer la proposition
proposal-deadline = Date limite de dépôt : { $when }.
submit-title = Déposer la proposition
submit-lead = Vous allez déposer « { $name } ».
submit-ready = Tout est complet. Une fois déposée, la proposition ne pourra plus être modifiée ; vous recevrez un accusé de réception horodaté avec son empreinte.
submit-missing = Avant de déposer, complétez :
submit-button = Déposer définitivement
submit-back = Revenir à la proposition
receipt-title = Proposition déposée
receipt-reference = Référence : { $reference }
receipt-when = Horodatage de la plateforme : { $when }
receipt-hash = Empreinte SHA-256 :
receipt-mail = Un accusé de réception avec ces informations a été envoyé à chaque personne qui travaille sur la proposition.
receipt-back = Voir la proposition
status-draft = Brouillon
status-submitted = Déposée
status-withdrawn = Retirée
status-ineligible = Non éligible
status-incomplete = Incomplète
status-under_review = En présélection
status-info_requested = Compléments demandés
status-shortlisted = Invitée en audition
status-not_shortlisted = Non présélectionnée
status-heard = Auditionnée
status-no_show = Absente à l’audition
status-selected = Retenue
status-reserve = Liste complémentaire
status-not_selected = Non retenue
member-author = a créé la proposition
member-operational_mentor = mentor opérationnel
member-operational_mentor_2 = second mentor opérationnel
member-executive_sponsor = mentor de haut niveau
member-hr_contact = contact RH
member-finance_contact = contact gestion
profile-kind-data_scientist = Data scientist
profile-kind-developer = Développeur ou développeuse
profile-kind-data_engineer = Data engineer
profile-kind-designer = Designer
profile-kind-geomatician = Géomaticien ou géomaticienne
profile-kind-digital_law = Juriste du numérique
review-title = Présélection
review-eligible = Éligible
review-complete = Complète
review-shortlist = Auditionner
review-reject = Écarter
review-more_information = Demander des compléments
review-notes-hint = Réservées à l’équipe et aux présélectionneurs.
review-questions-hint = Elles iront dans le dossier du jury et dans l’invitation à l’audition.
review-save = Enregistrer mon avis
review-saved = Avis enregistré.
review-back = Propositions de la promotion
review-count = { $count ->
    [0] aucun avis
    [one] { $count } avis
   *[other] { $count } avis
}
review-list-title = Propositions — { $cohort }
step-title = Étape suivante
step-reason = Motif ou message
step-reason-hint = Obligatoire pour un refus ou une demande de compléments ; transmis à l’administration.
step-reopen = Champs à rouvrir pour les compléments
step-apply = Appliquer
step-done = Étape enregistrée.
step-start_review = Commencer la présélection
step-request_information = Demander des compléments
step-shortlist = Inviter en audition
step-not_shortlist = Ne pas présélectionner
step-ineligible = Non éligible
step-incomplete = Insuffisamment détaillée
step-heard = Auditionnée
step-no_show = Absente à l’audition
cohorts-title = Promotions
cohort-title = Titre
cohort-proposals = Propositions
cohort-create = Créer une promotion
cohort-code-hint = Identifiant court, par exemple eig-6.
cohort-copy-hint = Les critères, pièces et limites de cette promotion serviront de point de départ.
cohort-default-rules = Règles EIG 5 par défaut
cohort-created = Promotion créée.
cohort-saved = Enregistré.
cohort-link-proposals = Propositions et présélection
cohort-link-panels = Jurys, répartition et auditions
cohort-link-decisions = Consolidation et décisions
cohort-link-rules = Modifier les règles
cohort-export-csv = Exporter les propositions (CSV)
cohort-export-xlsx = Exporter les propositions (Excel)
cohort-calendar = Calendrier
cohort-calendar-hint = Heures de Paris. Une heure qui n’existe pas ou existe deux fois lors d’un changement d’heure est refusée.
cohort-starts = Début
cohort-ends = Fin
cohort-calendar-save = Enregistrer le calendrier
cohort-rules = Règles
cohort-rules-version = Version
cohort-rules-used = { $count ->
    [0] utilisée par aucune proposition
    [one] utilisée par { $count } proposition
   *[other] utilisée par { $count } propositions
}
cohort-back = Retour à la promotion
rules-title = Règles de l’appel à projets
rules-in-use = Des propositions utilisent déjà ces règles : enregistrer créera une nouvelle version, sans changer celles déjà déposées.
rules-criteria-hint = Une ligne par critère de la grille ; laissez la clé vide pour retirer une ligne.
rules-criterion = Critère
rules-key = Clé
rules-fr = Libellé français
rules-en = Libellé anglais
rules-weight = Poids
rules-fellows-min = EIG par défi, au moins
rules-fellows-max = EIG par défi, au plus
rules-attestation = Attestation
rules-attachment = Pièce
rules-size = Mio
rules-required = Obligatoire
rules-save = Enregistrer les règles
panels-title = Jurys — { $cohort }
panels-create = Créer un jury
panels-add-juror = Ajouter un juré
panels-juror-hint = Une personne qui a déjà un compte ; elle reçoit le rôle de juré de la promotion.
panels-organisation-hint = Son administration : ses propositions ne lui seront jamais confiées.
panels-referent = Référent du jury (saisit la notation collective et le classement)
panels-referent-short = référent
panels-remove = Retirer
panels-assignment = Répartition des propositions
panels-unassigned = { $count ->
    [0] Aucune proposition présélectionnée n’attend de jury.
    [one] { $count } proposition présélectionnée attend un jury.
   *[other] { $count } propositions présélectionnées attendent un jury.
}
panels-auto-assign = Répartir automatiquement (charges équilibrées, sans conflit d’intérêts)
panels-assigned = Propositions réparties : { $count }.
panels-unassignable = Sans jury possible (conflits) : { $refs }.
panels-hears = Propositions confiées à ce jury
panels-hearing = Audition
panels-no-hearing = horaire à fixer
panels-manual = Répartition manuelle
panels-assign = Attribuer
panels-schedule = Planifier une audition
panels-minutes = minutes
panels-video = Visioconférence
panels-onsite = Sur place
panels-schedule-send = Planifier et envoyer les invitations
panels-scheduled = Audition planifiée ; invitations envoyées avec le fichier de calendrier.
jury-title = Espace jury
jury-none = Vous ne siégez dans aucun jury pour le moment.
jury-preselection = Présélection
jury-ranking = Classement du jury
jury-my-scores = Ma notation
jury-scored = faite
jury-to-score = à faire
kit-print = Imprimer le dossier
kit-dossier = Dossier
kit-grid = Grille de notation
kit-scale-hint = 1 : pas du tout satisfaisant · 2 : insatisfaisant · 3 : satisfaisant · 4 : excellent
kit-coup = Coup de cœur
kit-consensus = Notation collective du jury (référent)
kit-save = Enregistrer la notation
kit-saved = Notation enregistrée.
kit-others = Notations des autres jurés
kit-blind = Les notations des autres jurés s’affichent une fois la vôtre enregistrée.
kit-heard = Audition tenue
kit-no-show = Administration absente
kit-hearing = Audition : { $when }
kit-conflict = Déclarer un conflit d’intérêts
kit-conflict-hint = La proposition quittera votre espace ; l’équipe du programme la confiera à un autre jury si besoin.
kit-conflict-button = Déclarer le conflit
opinion-favourable = Favorable
opinion-unfavourable = Défavorable
ranking-title = Classement — { $panel }
ranking-none = Aucune proposition auditionnée à classer.
ranking-hint = Numérotez de 1 (préférée) à N, sans ex æquo, et expliquez en une phrase.
ranking-position = Rang
ranking-save = Enregistrer le classement
decisions-title = Consolidation et décisions — { $cohort }
decisions-consolidation = Propositions auditionnées, tous jurys
decisions-rank = Rang
decisions-consensus = Collectif
decisions-mean = Moyenne des jurés
decisions-favourable = Avis favorables
decisions-disagreements = Désaccords
decisions-stage = Préparer
decisions-staged = Décision préparée.
decisions-approve-title = Valider et publier
decisions-publish-hint = Heure de Paris ; vide : publier tout de suite. Avant cette heure, personne d’autre que l’équipe et vous ne connaît les résultats.
decisions-approve-intro = Vous approuvez les issues de la colonne « Issue » du tableau ci-dessus :
decisions-count-selected = Retenues : { $count }
decisions-count-reserve = En réserve : { $count }
decisions-count-not_selected = Non retenues : { $count }
decisions-approve-confirm = Je confirme approuver ces issues, qui seront publiées à la date indiquée.
error-confirmation-required = demande de cocher la case pour confirmer
field-org = La recherche d’administration
field-confirm = L’approbation
decisions-approve = Valider les décisions
decisions-approved = Décisions validées ; publication programmée.
outcome-selected = Retenue
outcome-reserve = Liste complémentaire
outcome-not_selected = Non retenue
round-none = Aucune décision préparée.
round-staging = Décisions en préparation, en attente de validation.
round-approved = Décisions validées ; publication le { $when }.
round-published = Résultats publiés le { $when }.
challenges-admin-title = Défis issus de l’appel à projets
challenges-admin-none = Aucun défi pour le moment.
challenges-admin-public = Voir la page publique
challenges-admin-markdown = Markdown ; le HTML est filtré.
challenges-admin-publish = Publier la page (le défi apparaît sur le site public, ouvert aux candidatures)
challenges-admin-save = Enregistrer
challenge-status-framing = en cadrage
challenge-status-open_for_applications = ouvert aux candidatures
challenge-status-matching = en recrutement
challenge-status-staffed = équipe au complet
challenge-status-running = en cours
challenge-status-closing = en clôture
challenge-status-completed = terminé
challenge-status-withdrawn = retiré
proposal-org-search = Chercher une administration
proposal-org-search-hint = Nom, sigle ou ancien nom (par exemple DINSIC)
proposal-org-matches = { $count ->
    [0] Aucune administration ne correspond : essayez un sigle ou un autre nom.
    [one] Une administration correspond ; choisissez-la ci-dessous.
   *[other] { $count } administrations correspondent ; choisissez ci-dessous.
}
nav-calls = Proposer un défi
proposal-delete = Supprimer le brouillon
proposal-delete-confirm = Je confirme vouloir supprimer ce brouillon et ses pièces jointes ; c’est définitif.
proposal-deleted = Brouillon supprimé.

# Exports
export-col-reference = Référence
export-col-name = Nom
export-col-host = Administration d’accueil
export-col-status = Statut
export-col-submitted_at = Déposée le (heure de Paris)
export-col-submission_sha256 = Empreinte du dépôt (SHA-256)
export-col-fellows = Entrepreneurs demandés
export-col-panel = Jury
export-col-rank = Rang dans le jury
export-col-consensus_total = Note du jury (consensus)
export-col-mean_total = Moyenne des jurés
export-col-favourable = Avis favorables des jurés
export-col-opinions = Avis des jurés
export-col-coups_de_coeur = Coups de cœur
export-col-disagreements = Critères en désaccord
export-col-outcome = Décision
export-sheet = Propositions
cohort-export-csv-semicolon = Exporter les propositions (CSV pour Excel, point-virgule)
error-juror-conflict = est en conflit d’intérêts avec une proposition que ce jury entend : confiez-la d’abord à un autre jury

# Review list filters
review-filter-status = Statut
review-filter-all = Toutes ({ $count })
review-sort = Trier par
review-sort-reference = Référence
review-sort-name = Nom
review-sort-host = Administration
review-sort-status = Étape
review-sort-reviews = Moins relues d’abord
review-sort-submitted = Déposées récemment d’abord
review-filter-apply = Afficher
review-filter-clear = Tout afficher
review-shown = { $shown } sur { $count } { $count ->
    [one] proposition
   *[other] propositions
}

# The read-only dossier
dossier-print = Imprimer le dossier
dossier-panel = Suivi de la proposition
dossier-hearing = Audition
dossier-no-review = Aucune relecture pour l’instant.
dossier-attested = Attesté :
dossier-not-attested = Non attesté :
dossier-dataset-not-accessible = pas encore accessible

# Challenge addresses
field-slug = Adresse de la page
challenges-admin-slug-hint = Lettres minuscules, chiffres et tirets : /challenges/<adresse>. Elle peut changer jusqu’à la publication.
challenges-admin-slug-public = Lettres minuscules, chiffres et tirets. La page est publiée : l’ancienne adresse redirigera vers la nouvelle.
error-slug-taken = est déjà l’adresse d’un autre défi

# The audit log, readable
audit-object-person = Personne
audit-object-application = Candidature
audit-object-proposal = Proposition
audit-object-panel = Jury
audit-object-cohort = Promotion
audit-object-challenge = Défi
audit-object-login = Connexion
audit-object-oidc = OpenID Connect
audit-object-session = Session
audit-detail-reason = Motif
audit-detail-issuer = Fournisseur
audit-detail-role = Rôle
audit-detail-cohort = Promotion
audit-detail-assignment = Attribution
audit-detail-from = De
audit-detail-to = Vers
audit-detail-recommendation = Recommandation
audit-detail-consensus = Avis collectif
audit-detail-total = Total
audit-detail-panel = Jury
audit-detail-created = Créé
audit-detail-added = Ajouté
audit-detail-removed = Retiré
audit-detail-referent = Référent
audit-detail-auto = Attribuées automatiquement
audit-detail-unassignable = Sans jury possible
audit-detail-at = Date
audit-detail-minutes = Durée (min)
audit-detail-mode = Modalité
audit-detail-sequence = Version de l’invitation
audit-detail-count = Nombre
audit-detail-format = Format
audit-detail-rows = Lignes
audit-detail-outcome = Issue
audit-detail-selected = Retenues
audit-detail-outcomes = Issues
audit-detail-publish_at = Publication prévue
audit-detail-published = Publié
audit-detail-renamed_to = Nouvelle adresse
audit-detail-challenges = Défis créés
audit-detail-proposal = Proposition
audit-detail-key = Pièce
audit-detail-size = Taille (octets)
audit-detail-sha256 = Empreinte SHA-256
audit-detail-applications = Candidatures
audit-detail-pairs = Attributions
audit-detail-short = Sans assez de relecteurs
audit-detail-submitted_at = Déposée le
audit-detail-hash = Empreinte
audit-detail-documents = Pièces
audit-detail-name = Nom
audit-detail-fields = Champs
audit-detail-email_hash = Adresse (empreinte)
kit-heard-saved = Audition enregistrée.
kit-no-show-saved = Absence de l’administration enregistrée.
kit-consensus-title = Notation collective du jury

## Call for applications: pages
apply-name = Nom et prénom
apply-name-hint = Tel que vous souhaitez qu’il soit utilisé ; il devient le nom de votre compte quand vous envoyez votre candidature.
apply-title = Candidater
apply-lead = Data scientists, designers, développeurs et développeuses, juristes du numérique : rejoignez une promotion pour dix mois au sein d’une administration.
apply-mine = Mes candidatures
apply-calls = Appels à candidatures
apply-none = Aucun appel à candidatures n’est ouvert pour le moment.
apply-start = Commencer ma candidature
apply-sign-in = Se connecter pour candidater
apply-back = Mes candidatures
apply-application-title = Ma candidature
apply-required-hint = Les champs marqués * sont obligatoires pour déposer la candidature ; le brouillon peut rester incomplet. Il s’enregistre automatiquement.
apply-section-you = Vous
apply-profiles = Profils
apply-years = Années d’expérience professionnelle
apply-years-hint = Au total ; elles fixent la rémunération.
apply-salary = Rémunération nette mensuelle pour cette expérience : { $amount } €.
apply-text-background = Parcours et expérience
apply-text-motivation = Motivation pour rejoindre le programme
apply-text-resources = Moyens dont vous auriez besoin (matériel, personnes, financement)
apply-section-choices = Vos choix de défis
apply-choices-hint = Par ordre de préférence : votre premier choix en premier.
apply-choice = Choix
apply-choice-target = Défi et profil
apply-contribution = Ce que vous apporteriez à ce défi (premières pistes)
apply-seats = { $count ->
    [one] une place
   *[other] { $count } places
}
apply-section-practical = Organisation
apply-mobile = Pouvez-vous travailler hors de Paris ?
apply-available = Êtes-vous disponible à la date de démarrage de la promotion ?
apply-teammate = Une personne avec qui vous aimeriez faire équipe (facultatif)
apply-teammate-hint = Son nom ; le jury en tient compte, la sélection reste individuelle.
apply-links = Liens vers vos travaux (facultatif)
apply-links-hint = Adresses https://, cinq au plus.
apply-link = Lien
apply-documents = Pièces jointes
apply-cv = CV (PDF, obligatoire)
apply-portfolio = Portfolio ou autre document (PDF, facultatif)
apply-declarations = Déclarations
apply-consent = J’ai lu la notice sur le traitement de mes données personnelles : elles servent à la sélection et sont conservées le temps prévu par le programme.
apply-missing = Pour déposer la candidature, il manque :
apply-submit = Déposer ma candidature
apply-withdraw-confirm = Je confirme retirer ma candidature.
apply-withdraw = Retirer ma candidature
apply-withdrawn = Candidature retirée.
field-phone = Le téléphone
field-years_experience = Les années d’expérience
field-background = Le parcours
field-motivation = La motivation
field-choices = Les choix
field-mobile = La mobilité
field-available_at_start = La disponibilité
field-teammate = L’équipier souhaité
field-declarations = Les déclarations
field-consent = La notice
field-links = Les liens
field-cv = Le CV
application-status-draft = Brouillon
application-status-submitted = Déposée
application-status-withdrawn = Retirée
application-status-ineligible = Non éligible
application-status-in_preselection = En présélection
application-status-info_requested = Compléments demandés
application-status-not_preselected = Non présélectionnée
application-status-preselected = Présélectionnée
application-status-choices_submitted = Choix déposés
application-status-interview_scheduled = Entretien réservé
application-status-interviewed = Entretien passé
application-status-no_show = Absent·e à l’entretien
application-status-offered = Place proposée
application-status-accepted = Place acceptée
application-status-declined = Place refusée
application-status-expired = Offre expirée
application-status-not_selected = Non retenue
error-cv-required = manque : joignez votre CV en PDF
error-consent-required = demande de cocher la case
error-declaration-required = demandent de cocher chaque déclaration
error-choices-required = demandent au moins un choix
error-too-many-choices = dépassent le nombre de choix permis
error-repeated-choice = contiennent deux fois le même choix
error-choice-not-offered = ne correspondent pas à une place ouverte
error-contribution-required = demandent ce que vous apporteriez à chaque choix
error-profile-not-applied = portent sur un profil que vous n’avez pas coché
error-years-range = doivent être un nombre d’années entre 0 et 60
error-invalid-link = doivent être des adresses https://
error-unknown-declaration = contiennent une déclaration inconnue

## Call for applications: staff, validator, reviewers
desk-nav = Étapes de l’appel à candidatures
desk-nav-rules = Règles
desk-nav-applications = Candidatures
desk-nav-interviews = Entretiens
desk-nav-matching = Appariement
cohort-link-applications = Appel à candidatures
app-rules-title = Règles de l’appel à candidatures — { $cohort }
app-rules-unset = Aucune règle n’est encore fixée : les valeurs ci-dessous sont celles d’EIG 5, à confirmer. L’appel n’apparaît aux candidats qu’une fois ses règles enregistrées.
app-rules-call = L’appel
field-choice_mode = Choix des défis
field-max_choices = Nombre maximal de choix classés
field-reviewers_per_application = Relecteurs par candidature
field-min_team = Équipe minimale pour qu’un défi démarre
field-cv_max_mib = Taille maximale du CV (Mio)
field-mentors_preselect = Les mentors présélectionnent les candidats de leur défi
choice-mode-at_application = Dans la candidature (EIG 2 à 4)
choice-mode-after_preselection = Après la présélection (EIG 5)
app-rules-seats = Places par défi et par profil
app-rules-seats-hint = 0 ou vide : profil non proposé sur ce défi. Les candidats ne peuvent choisir que les couples (défi, profil) qui ont au moins une place.
app-rules-no-challenge = Aucun défi dans cette promotion pour l’instant.
app-rules-save = Enregistrer les règles
app-rules-grid = Grille d’évaluation
app-rules-grid-caption = Critères notés de 0 à { $max }
app-rules-criterion = Critère
app-rules-weight = Poids
app-rules-bands = Rémunération nette mensuelle selon l’expérience
app-rules-band-upto = De { $years } ans d’expérience :
app-rules-band-beyond = Au-delà de { $years } ans d’expérience :
desk-title = Candidatures — { $cohort }
desk-unassigned = { $count ->
    [0] Aucune candidature déposée n’attend de relecteurs.
    [one] Une candidature déposée attend ses relecteurs.
   *[other] { $count } candidatures déposées attendent leurs relecteurs.
}
desk-assign = Attribuer les relecteurs
desk-assigned-notice = { $count ->
    [one] Relecteurs attribués à une candidature.
   *[other] Relecteurs attribués à { $count } candidatures.
}
desk-method = Scores normalisés par relecteur :
desk-filter-all = Tous les statuts
desk-filter-q = Nom ou référence
desk-shown = { $count ->
    [0] Aucune candidature ne correspond.
    [one] Une candidature affichée.
   *[other] { $count } candidatures.
}
desk-caption = Candidatures déposées, de la meilleure moyenne normalisée à la plus basse
desk-candidate = Candidat·e
desk-scores = Notes (/20) par relecteur
desk-mean = Moyenne brute
desk-z = Moyenne z
desk-actions = Décision
desk-assigned = { $count ->
    [0] Aucun relecteur
    [one] Un relecteur, pas encore de note
   *[other] { $count } relecteurs, pas encore de note
}
desk-disagreement = Désaccord
desk-step = Étape
desk-reason = Motif (envoyé au candidat ; obligatoire sauf pour présélectionner)
desk-apply-step = Valider
desk-step-preselect = Présélectionner
desk-step-request_information = Demander des compléments
desk-step-refuse = Ne pas présélectionner
desk-step-ineligible = Non éligible
desk-held = Entretien passé
desk-no-show = Absent·e
slots-title = Entretiens — { $cohort }
slots-open = Ouvrir un créneau
field-starts_at = Début
field-challenge = Défi
slots-location-hint = Adresse de la salle, ou lien de visioconférence en https://
slots-challenge-hint = Un créneau pour un défi n’est proposé qu’aux candidats qui l’ont choisi.
slots-any = Tous les défis
slots-caption = Créneaux d’entretien, du plus proche au plus lointain
slots-booked = Réservé par
slots-none = Aucun créneau ouvert.
matching-title = Appariement — { $cohort }
matching-secret = Rien de l’appariement n’est visible des candidats, des jurys ni du public avant sa publication par le valideur.
matching-published = Appariement publié le { $when } : les offres sont parties.
matching-lists = Listes classées
matching-lists-hint = Pour chaque défi et profil, classez les candidats reçus en entretien qui l’ont choisi (1 = le premier) ; laissez vide pour ne pas classer. Les classés au-delà des places sont les réserves.
matching-no-candidate = Aucun candidat reçu en entretien n’a choisi ce défi pour ce profil.
matching-position = Rang
matching-choice = Rang du choix chez le candidat
matching-save-list = Enregistrer la liste
matching-matched = Placés aujourd’hui :
matching-result = Résultat de l’appariement
matching-stable = Appariement stable (acceptation différée, proposée par les candidats) : aucun candidat et aucune liste ne préféreraient se choisir l’un l’autre ; chaque candidat obtient le meilleur choix possible dans un appariement stable.
matching-unstable = Attention : cet appariement comporte des paires bloquantes.
matching-understaffed = Défis sous l’équipe minimale (à reprofiler ou retirer) :
matching-explanations = Placement de chaque candidat et raison pour chaque choix préféré non obtenu
matching-placed = Placé·e
matching-why = Choix préférés non obtenus
matching-reserve = En réserve
matching-reason-not-ranked = non classé·e sur cette liste
matching-reason-no-seats = aucune place
matching-reason-seats-taken = classé·e { $rank }, les places sont allées aux rangs { $ranks }
matching-publish-title = Publier l’appariement
matching-publish-confirm = J’ai relu l’appariement : chaque candidat placé recevra une offre à accepter dans les 7 jours ; les autres restent en réserve.
matching-publish = Publier et envoyer les offres
matching-published-notice = { $count ->
    [one] Appariement publié : une offre envoyée.
   *[other] Appariement publié : { $count } offres envoyées.
}
matching-offers = Offres
offer-deadline = Réponse attendue avant
offer-answer = Réponse
offer-pending = En attente
offer-response-accepted = Acceptée
offer-response-declined = Refusée
offer-response-expired = Expirée
matching-fellows = Lauréats
matching-announced = Équipe annoncée
matching-announce-hint = Annoncer les équipes publie les lauréats sur la page de leur défi.
matching-announce = Annoncer les équipes
matching-announced-notice = { $count ->
    [0] Aucune nouvelle équipe à annoncer.
    [one] Un lauréat annoncé sur la page de son défi.
   *[other] { $count } lauréats annoncés sur la page de leur défi.
}
reviews-title = Candidatures à relire — { $cohort }
reviews-intro = Notez chaque candidature sur la grille. Les notes des autres relecteurs s’affichent une fois les vôtres données ; votre ordre de lecture est tiré au sort.
reviews-none = Aucune candidature ne vous est attribuée.
reviews-your-total = Votre total :
reviews-others = Totaux des autres relecteurs :
reviews-comment = Commentaire
reviews-save = Enregistrer ma notation
apply-reason = Motif
apply-offer-title = Une place vous est proposée
apply-offer = { $challenge } — { $profile }. Réponse attendue avant le { $deadline }.
apply-offer-accept = Accepter la place
apply-offer-decline = Refuser la place
apply-offer-decline-confirm = Je refuse cette place ; elle sera proposée à la personne suivante.
apply-interview-title = Entretien
apply-interview-held = Votre entretien : { $slot }
apply-interview-cancel-confirm = J’annule mon entretien (possible jusqu’à 24 heures avant).
apply-interview-move-choose = Déplacer vers un autre créneau libre
apply-interview-move = Déplacer l’entretien
apply-interview-cancel = Annuler l’entretien
apply-interview-none = Aucun créneau libre pour l’instant ; vous recevrez un message quand de nouveaux créneaux ouvriront.
apply-interview-choose = Choisissez un créneau
apply-interview-book = Réserver ce créneau
apply-booked = Entretien réservé : l’invitation est envoyée par courriel.
apply-choices-close = Date limite : { $when }.
apply-choices-submit = Envoyer mes choix
apply-information-title = Compléments demandés
apply-information-send = Envoyer les compléments
error-invalid-number = doit être un nombre entier
error-repeated-position = deux candidats ont le même rang
field-held = Entretien
field-offer = Offre
field-slot = Créneau
field-step = Étape
field-seats = Places
nav-reviews = Relectures
dashboard-application-reviews = Candidatures à relire
dashboard-applications-to-review = { $count ->
    [0] toutes notées ({ $assigned } attribuées)
    [one] une à noter sur { $assigned }
   *[other] { $count } à noter sur { $assigned }
}
nav-apply = Candidater
audit-account_created = Compte créé
signup-title = Créer mon compte candidat
signup-lead = Indiquez votre adresse : vous recevrez un lien qui crée votre compte (ou vous connecte, si vous en avez déjà un). Pas de mot de passe à retenir.
signup-submit = Recevoir mon lien
signup-sent-text = Un lien vient d’être envoyé à cette adresse, sauf si trop de liens lui ont été envoyés récemment. Ouvrez-le dans ce navigateur dans les 15 minutes : il crée votre compte, ou vous connecte si vous en avez déjà un.
apply-sign-up = Créer mon compte
review-method = z = (note − moyenne du relecteur) ÷ écart type du relecteur (population), sur toutes les notes du relecteur dans l’appel ; sans z quand un relecteur a donné moins de deux notes ou des notes toutes égales.
audit-matching_overridden = Appariement modifié à la main
matching-overrides = Ajustements à la main
matching-over-capacity = Listes au-delà de leurs places (la publication attend) :
matching-blocking-intro = Paires bloquantes créées par les ajustements : le candidat et la liste se préféreraient l’un l’autre.
matching-blocking-pair = { $candidate } et { $list }
matching-no-override = Aucun ajustement : l’appariement est celui de l’acceptation différée.
matching-override-none = hors appariement
matching-override-remove = Retirer l’ajustement
matching-override-hint = Placez un candidat sur une autre liste de ses choix qui le classe, ou hors appariement ; le motif est journalisé et les paires bloquantes créées sont affichées.
matching-override-target = Placer sur
matching-override-reason = Motif (journalisé)
matching-override-save = Ajuster
error-not-acceptable = la liste doit faire partie des choix du candidat et le classer
error-over-capacity = une liste a plus de candidats que de places
field-target = Placement
field-matching = Appariement
matching-ranked-count = { $count ->
    [0] aucun candidat à classer
    [one] un candidat
   *[other] { $count } candidats
}
matching-to-result = Aller au résultat et aux explications
apply-open-mine = Ouvrir ma candidature
audit-interview_scored = Entretien noté
panel-title = Entretiens à noter — { $cohort }
panel-intro = Les entretiens des candidats qui ont choisi votre défi (tous, pour l’équipe du programme) : lisez la candidature et les remarques de la présélection, notez sur la grille. Les notes des autres membres s’affichent une fois les vôtres données ; l’équipe du programme enregistre le consensus du jury.
panel-none = Aucun entretien ne vous concerne pour l’instant.
suggestion-accepted = acceptée
suggestion-declined = refusée
suggestion-waiting = en attente de sa réponse
panel-suggested = Autres défis proposés
panel-suggest = Proposer un autre défi à ce candidat ou cette candidate
panel-suggest-hint = Il ou elle l’accepte ou le refuse ; accepté, ce défi s’ajoute après ses choix et son jury pourra le ou la classer.
panel-suggest-list = Défi et profil
panel-suggest-note = Un mot pour la personne (facultatif)
panel-suggest-button = Proposer ce défi
apply-suggestions-title = Un autre défi vous est proposé
apply-suggestions-intro = Le jury d’entretien vous propose aussi ces défis. Accepté, un défi s’ajoute après vos choix et son jury pourra vous classer ; refusé, rien d’autre ne change.
apply-suggestion-accept = Accepter
apply-suggestion-decline = Refuser
apply-suggestion-note = Le mot du jury :
apply-suggestion-answer = Votre réponse :
panel-remarks = Remarques de la présélection
panel-others = Notes des autres membres du jury :
panel-consensus = Consensus du jury :
panel-record-consensus = Enregistrer comme consensus du jury (remplace le consensus précédent)
matching-consensus = Consensus de l’entretien (/20)
reviews-to-panel = Entretiens à noter (jury)
slots-to-panel = Page du jury d’entretien : noter, enregistrer le consensus
