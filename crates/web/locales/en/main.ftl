# Cohorte — English interface.
# Every message also exists in ../fr/main.ftl (checked by a test).

## Site
site-name = Public Interest Entrepreneurs
site-tagline = Digital talent serving the public interest
home-link-title = Home — Public Interest Entrepreneurs
menu = Menu
close = Close
nav-label = Main menu
nav-home = Home
nav-challenges = Challenges
nav-community = Community
nav-coaching = Coaching
nav-blog = Blog
nav-publications = Publications
nav-figures = Key figures
nav-faq = FAQ
skiplinks-label = Quick access
skiplinks-content = Content
skiplinks-menu = Menu
skiplinks-footer = Footer
blog-feed-title = Blog of the Public Interest Entrepreneurs program
footer-about = The Public Interest Entrepreneurs program (EIG) brings digital talent into French administrations for ten months to take on public-interest challenges. This site runs on Cohorte, free software.
footer-attribution = Data: Programme Entrepreneurs d’intérêt général, Etalab / DINUM — site-eig, updated 5 September 2022, reused under the
footer-licence = Licence Ouverte 2.0 (Open Licence)
footer-sitemap = Site map
footer-accessibility = Accessibility: partially compliant
footer-legal = Legal notice
footer-open-data = Open data (API)
footer-feed = Blog Atom feed
footer-copy = Unless stated otherwise, all content of this site is licensed under etalab-2.0.

## Pagination, breadcrumb
pager-label = Pagination
pager-first = First page
pager-prev = Previous page
pager-next = Next page
pager-last = Last page
pager-page = Page { $count }
breadcrumb-label = you are here:
breadcrumb-show = Show the breadcrumb

## Dates
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Errors
error-code = Error { $code }
error-home = Home page
error-challenges = See the challenges
error-title-400 = Bad request
error-text-400 = The address has parameters we cannot read. Correct them or start again from the home page.
error-title-404 = Page not found
error-text-404 = The page you are looking for cannot be found. We apologise for the inconvenience. If you typed the address, check that it is correct; the page may no longer exist.
error-title-405 = Method not allowed
error-text-405 = This address does not accept this kind of request.
error-title-408 = Request timed out
error-text-408 = The server took too long to answer. Please try again in a moment.
error-title-413 = Content too large
error-text-413 = The data sent is larger than allowed.
error-title-414 = Address too long
error-text-414 = The address is too long. Use fewer search criteria.
error-title-500 = Unexpected error
error-text-500 = Sorry, the service has a problem. We are working on it; please try again later.
error-reference = Reference to give us: { $id }
error-field = { $field }: { $problem }
field-query = Address parameters
field-path = Address
field-uri = Address
field-cohort = Cohort
field-skill = Skill
field-administration = Administration
field-year = Year
field-q = Search
field-page = Page
field-profile = Profile
error-invalid-query = the parameters are malformed (is a parameter repeated?)
error-invalid-encoding = contains invalid characters
error-too-long = is too long
error-invalid-identifier = is not a valid identifier (lower-case letters, digits and dashes)
error-invalid-skill = is not a known skill
error-invalid-year = must be a year between 2000 and 2100
error-too-many-words = has too many words (6 at most)
error-invalid-text = contains characters that are not allowed
error-invalid-page = must be a page number between 1 and 10,000
error-invalid-profile = is not a known profile

## Home
home-title = Public Interest Entrepreneurs
home-lead = Since 2017, the program has brought data scientists, designers and developers into French administrations, in teams of two or three, for ten months, to take on public-interest challenges together with public servants.
home-cta-challenges = Discover the challenges
home-cta-community = Meet the community
home-figures-title = The program in figures
home-figures-how = How these figures are computed
home-steps-title = How the program works
home-step-1-title = Administrations propose challenges.
home-step-1 = A call for projects gathers digital challenges; a jury selects the most promising ones.
home-step-2-title = Talent applies.
home-step-2 = Data scientists, designers and developers apply; juries that include each challenge’s mentors select them.
home-step-3-title = Ten months inside the administration.
home-step-3 = Teams work with their mentors in the host administration, coached by the program.
home-step-4-title = Sustain and measure the impact.
home-step-4 = Tools go into production, are documented and opened; the program follows what becomes of them.
home-latest-challenges = Recent challenges
home-all-challenges = All challenges
home-cohorts-title = The cohorts
home-testimonials-title = Testimonials
home-latest-posts = Latest posts
home-all-posts = All posts
count-challenges = { $count ->
    [0] no challenge
    [one] { $count } challenge
   *[other] { $count } challenges
}
count-people = { $count ->
    [0] nobody
    [one] { $count } person
   *[other] { $count } people
}
count-posts = { $count ->
    [0] no post
    [one] { $count } post
   *[other] { $count } posts
}

## Key figures (named, versioned definitions)
figure-challenges-coached-short = challenges coached
figure-administrations-helped-short = administrations helped
figure-fellows-recruited-short = fellows recruited
figure-public-servants-onboarded-short = public servants onboarded
figure-challenges-coached-v1-name = Challenges coached
figure-challenges-coached-v1-definition = Number of distinct projects coached in the cohorts considered. Pages of one project count once (the two Sequoia pages of the DIG cohort); the internal “EIG Link” challenges count; a challenge renewed from one cohort to the next counts in each.
figure-administrations-helped-v1-name = Administrations helped
figure-administrations-helped-v1-definition = Number of distinct host organisations, once every published administration name is resolved to the organisation tree (spellings, acronyms and former names merged, e.g. DINSIC, Etalab and DINUM; directorates counted apart from their ministry).
figure-fellows-recruited-v1-name = Fellows recruited
figure-fellows-recruited-v1-definition = Number of distinct people who held a fellow (EIG) role on a challenge of the cohorts considered, EIG Link included; a person recruited twice counts once; the two first-cohort fellows filed by mistake among mentors count as fellows.
figure-public-servants-onboarded-v1-name = Public servants onboarded
figure-public-servants-onboarded-v1-definition = Number of distinct people who mentored a challenge of the cohorts considered, program team excluded; mentors without a public profile count.

## Challenges
challenges-title = Challenges
challenges-lead = The digital challenges proposed by administrations and taken on by public interest entrepreneurs since 2017.
filters-label = Filter the list
filter-search = Search
filter-search-hint = Title, administration, words of the description; accents and case are ignored.
filter-cohort = Cohort
filter-all-cohorts = All cohorts
filter-skill = Skill
filter-all-skills = All skills
filter-administration = Administration
filter-administration-hint = A ministry includes the directorates and agencies under it.
filter-all-administrations = All administrations
filter-year = Year
filter-all-years = All years
filter-submit = Filter
filter-reset = Clear the filters
filter-name = Name
filter-profile = Profile
filter-all-profiles = All profiles
challenges-empty = No challenge matches these criteria. Try a shorter search or remove a filter.
skill-dev = Development
skill-design = Design
skill-datascience = Data science
skill-dataengineering = Data engineering
skill-geomatique = Geomatics
duration-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
challenge-renews = This challenge continues
challenge-about = The challenge
challenge-key-figures = Key figures
challenge-deliverables = Deliverables
challenge-renewed-by = Continued by
challenge-administration = Host administration
challenge-as-published = Published as:
challenge-administration-site = Administration’s website
challenge-demo = See the demo
challenge-source-code = Source code
challenge-team = The team
challenge-no-fellows = This challenge’s team is not formed yet.
challenge-fellows = Public interest entrepreneurs
challenge-mentors = Mentors
challenge-json = This challenge as open data (JSON)
profile-data-scientist = Data scientist
profile-data-engineer = Data engineer
profile-developer = Developer
profile-designer = Designer
profile-mentor = Mentor
profile-program-team = Program team

## Community
community-title = Community
community-lead = Fellows, mentors and the program team: one identity per person, across cohorts and roles.
community-empty = Nobody matches these criteria.
person-bio = About
person-no-bio = No introduction published.
person-roles = Roles in the program
person-posts = Posts
person-links = Links
person-github = GitHub: { $handle }
person-gitlab = GitLab: { $handle }
person-linkedin = LinkedIn
person-twitter = Twitter: @{ $handle }
person-website = Personal website
role-program_staff = Program team
role-eig_link = EIG Link
role-validator = Validator
role-preselector = Pre-selector
role-jury_member = Jury member
role-candidate = Candidate
role-fellow = Public interest entrepreneur
role-operational_mentor = Mentor
role-executive_sponsor = Executive sponsor
role-project_team_member = Project team
role-hr_contact = HR contact
role-finance_contact = Finance contact
role-admin_contact = Administration contact
role-alumni = Alumni
role-guest_expert = Guest expert

## Blog
blog-title = Blog
blog-lead = Lessons learned, methods and news of the program, written by the team, the fellows and the mentors (in French).
blog-tags = Topics
blog-feed = Subscribe to the Atom feed
blog-tag-title = Posts: { $tag }
post-published = Published on { $date }
post-back = All posts
tag-accompagnement = coaching
tag-algorithme = algorithms
tag-collectif = collective
tag-datascience = data science
tag-design = design
tag-developpement = development
tag-ecosysteme = ecosystem
tag-evaluation = evaluation
tag-international = international
tag-interdisciplinarite = interdisciplinarity
tag-methode = method
tag-open = open
tag-outil = tools
tag-partenariat = partnership
tag-perennisation = sustainability
tag-recrutement = recruitment
tag-realisation = achievement
tag-temoignage = testimony

## FAQ
faq-title = Frequently asked questions
faq-lead = The program’s answers to questions from administrations and candidates.
faq-administrations = Administrations
faq-candidates = Candidates
faq-empty = No question in this language yet.

## Publications
publications-title = Publications
publications-lead = Booklets, analysis reports and call documents of the program.
publications-empty-title = No publication yet
publications-empty-text = End-of-cohort booklets, reports and call documents will be published here. Meanwhile, the program’s lessons learned are on the blog.
publications-empty-blog = Read the blog

## Figures
figures-title = Key figures
figures-lead = These figures are computed from the stored data with named, versioned definitions: a definition never changes meaning; a new rule becomes a new version.
figures-caption = Computed figures, by definition and scope
figures-col-figure = Figure (definition)
figures-col-all = All cohorts
figures-col-eig13 = EIG 1 to 3 and DIG
figures-col-declared = Figure published by the program
figures-definitions = Definitions
figures-declared-title = Figures typed by hand on the old site
figures-declared-text = The old site showed hand-typed figures that differed with the page’s language. They are kept with their source for comparison; this site shows the computed figures.
figures-scope-title = Scope
figures-scope-text = The “EIG 1 to 3 and DIG” scope is that of the figures the program published in 2020; “All cohorts” includes EIG 4.
figures-declared-line = { $figure }: { $value } — { $source } ({ $date })
figures-json = These figures as open data (JSON)

## Coaching
coaching-title = Coaching
coaching-lead = For ten months, the program coaches the fellows and their mentors at every step: framing, roadmap, going live, promotion and sustainability.
coaching-goals = Coaching has two goals: give fellows the keys to understand how the administration works, and build a cohort spirit that fosters mutual help, peer learning and benevolence.
coaching-bootcamp-title = Onboarding bootcamp
coaching-bootcamp-text = One week to get to know each other, learn the administration’s codes, meet the ecosystem (CNIL, ANSSI, Etalab, beta.gouv) and work on each challenge’s vision with the mentors. A mini-bootcamp is held for mentors.
coaching-bootcamp-rhythm = One week, a few weeks after arrival
coaching-plenary-title = Plenary sessions
coaching-plenary-text = Each session opens with a one-minute stand-up per challenge, then a theme in workshops: prototype and test, ease adoption, sustain, document, evaluate. Some sessions are for mentors only.
coaching-plenary-rhythm = One day a month; mentors every two months
coaching-seminar-title = Off-site seminars
coaching-seminar-text = Two days to speed challenges up, step back and strengthen the cohort, run as an open forum: the programme is built with the fellows (retrospective, “FailCon”, prospective).
coaching-seminar-rhythm = Two per cohort: mid-term and before the end
coaching-followup-title = Individual follow-up
coaching-followup-text = A referent per challenge gives technical, operational and strategic advice, mediation, and connections with experts (legal, data, open source, design).
coaching-followup-rhythm = About every ten days
coaching-bulletin-title = Weekly bulletins
coaching-bulletin-text = Each team answers four questions: state of mind, priority of the week, what worked or was hard, help needed. A digest goes to the whole cohort.
coaching-bulletin-rhythm = Every Friday
coaching-peer-title = Peer learning
coaching-peer-text = Design and code reviews, per-discipline check-ins, a skills map, self-organised sessions and thematic working groups.
coaching-peer-rhythm = As needed
coaching-demoday-title = Demo day
coaching-demoday-text = At mid-term, each team shows its progress in a few minutes and gathers feedback.
coaching-demoday-rhythm = Mid-term
coaching-showcase-title = Final showcase
coaching-showcase-text = Demos, round tables, posters, videos and a booklet: the cohort presents its achievements to the public.
coaching-showcase-rhythm = End of cohort
coaching-calendar-title = A typical year (cohort 4, 2020–2021)
coaching-calendar-text = The calendar of the fourth cohort, as the program ran it:
coaching-calendar-1 = September: onboarding bootcamp, then a mentors’ session on the first month
coaching-calendar-2 = October: prototype, test, evaluate (project reviews, indicators)
coaching-calendar-3 = November: making adoption easier
coaching-calendar-4 = December: sustaining challenges (mentors) and intermediate seminar
coaching-calendar-5 = February: public online demo day
coaching-calendar-6 = March: opening challenges (mentors) and mid-term seminar
coaching-calendar-7 = April to June: consolidate, document, evaluate and promote
coaching-calendar-8 = June: final showcase
coaching-templates-title = Tools for every step
coaching-templates-text = Challenge vision, actor map, roadmap, success indicators, sustainability pyramid and scenarios, consolidation, arrival and departure checklists: the program provides canvases suited to the moment of the year.
coaching-posts = Read the posts about coaching

## Accessibility statement
a11y-title = Accessibility statement
a11y-s1-title = Compliance status
a11y-s1-p1 = This site is partially compliant with the French accessibility framework (RGAA), version 4.1, because of the non-compliances and exemptions listed below.
a11y-s1-p2 = No complete manual audit has been carried out yet: this statement rests on automated tests and on the components of the State design system (DSFR).
a11y-s2-title = Test results
a11y-s2-p1 = Every type of public page is checked automatically, in French and in English, with axe-core (WCAG 2.1 level A and AA rules) in a real browser, on every change of the code. These tests tolerate no violation.
a11y-s2-p2 = Automated tests cover only part of the RGAA criteria; a manual audit remains to be done.
a11y-s3-title = Non-accessible content
a11y-s3-p1 = Content taken from the program’s former site (challenge descriptions, introductions, posts) is shown as published, in French even on English pages (the language of these passages is marked). Images of this content are not reproduced, so their alternative text is not shown.
a11y-s3-p2 = The interactive API documentation comes from a third-party component (Swagger UI) whose accessibility has not been assessed; the same information is in the OpenAPI document.
a11y-s4-title = Technologies used
a11y-s4-p1 = HTML5, CSS, JavaScript (the site remains usable without JavaScript), the State design system (DSFR).
a11y-s5-title = Test environment
a11y-s5-p1 = Headless Chromium with axe-core; pages are also visited by a robot that follows every internal link.
a11y-s6-title = Feedback and contact
a11y-s6-p1 = If you cannot access a content or a service, contact the program team to be directed to an accessible alternative or to get the content in another form.
a11y-s7-title = Remedies
a11y-s7-p1 = If you notice an accessibility defect that prevents you from accessing a content or a feature, report it to us; if you get no answer, you may send a complaint or a referral to the Défenseur des droits: through the online form, to a delegate in your region, or by free mail (Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).

## Legal notice
legal-title = Legal notice
legal-s1-title = Publisher
legal-s1-p1 = This site is an installation of Cohorte, free software to run public-interest fellowship programs. The publisher is the organisation that runs it; for this demonstration installation, it is the Cohorte project team.
legal-s2-title = Hosting
legal-s2-p1 = The service is hosted by the organisation that runs it; data is stored in its database, without third-party services.
legal-s3-title = Reuse of the content
legal-s3-p1 = The program’s data (challenges, community, posts, FAQ) comes from the site of the Programme Entrepreneurs d’intérêt général, Etalab / DINUM (site-eig repository, updated 5 September 2022), published under the Licence Ouverte 2.0. Reuse is free, commercial reuse included, provided the source is credited.
legal-s3-p2 = The data is also available as JSON and CSV, described by an OpenAPI document.
legal-s4-title = Personal data
legal-s4-p1 = Community profiles reproduce what people agreed to publish on the program’s site. Nothing has been added from any other source and photographs are not reproduced.
legal-s4-p2 = To have a profile corrected or removed, contact the program team.
legal-s5-title = Cookies
legal-s5-p1 = This site sets only one cookie, which is strictly necessary: the one that remembers the chosen language. There is no audience measurement and no third-party tracker.
legal-s6-title = Software
legal-s6-p1 = Cohorte is free software. It uses the French State design system (DSFR), whose use is reserved to State services.

## API
api-title = Open data
api-lead = Challenges, community and key figures are available as JSON and CSV, without authentication.
api-licence = Licence Ouverte 2.0 — source: Programme Entrepreneurs d’intérêt général, Etalab / DINUM — site-eig, updated 5 September 2022. CSV files neutralise spreadsheet formulas.
