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
error-title-403 = Access denied
error-text-403 = Your account does not give access to this page.
error-title-429 = Too many attempts
error-text-429 = You made too many attempts. Please try again later, within the hour.
field-form = Form
field-email = Email address
field-name = Name
field-role = Role
field-code = Code
field-reason = Reason
error-csrf = has expired or does not come from this site: reload the page and try again
error-invalid-email = is not a valid email address
error-same-email = is already your address
error-invalid-name = must be 1 to 120 characters, without control characters
error-invalid-role = must be a known role
error-already-enrolled = a second factor is already set up
error-proposal-changed = changed meanwhile: reload the page to see the current version
error-conflict = conflicts with existing data
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
home-figures-note = { $projects } distinct projects: the challenge list shows { $pages }, as one project can have several pages there (it counts once here).
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

# The OpenAPI document (/api/openapi.json): api-doc-<operation id>[-<status>|-<parameter>],
# api-doc-<Schema>[-<property>]. The English texts are the doc comments of crates/web/src/routes/api.rs
# (a test checks that they agree).
api-doc-tag = Open data
api-doc-tag-description = Challenges, people and key figures, as JSON and CSV, without authentication.
api-doc-title = Cohorte open data
api-doc-description = Challenges, people and headline figures of the EIG program. The data is under the Licence Ouverte 2.0 (Etalab): reuse is free with attribution. Cohorte, the software serving it, is under the MIT licence.
api-doc-challenges = Every public challenge (JSON).
api-doc-challenges-200 = Every public challenge.
api-doc-challenges_csv = Every public challenge (CSV, formula injection neutralised).
api-doc-challenges_csv-200 = Every public challenge, one per row.
api-doc-challenge = One public challenge (JSON).
api-doc-challenge-200 = The challenge.
api-doc-challenge-404 = No such public challenge.
api-doc-challenge-slug = Challenge identifier.
api-doc-figures = The headline figures with their definitions (JSON).
api-doc-figures-200 = The figures.
api-doc-people = Every person with a public profile (JSON).
api-doc-people-200 = Every person with a public profile.
api-doc-people_csv = Every person with a public profile (CSV).
api-doc-people_csv-200 = One person per row.
api-doc-Administration = A host administration.
api-doc-Administration-acronym = Acronym.
api-doc-Administration-as_published = The administration as the program published it.
api-doc-Administration-name = Its name.
api-doc-Administration-parent = Parent organisation (ministry).
api-doc-Administration-slug = Identifier of the host organisation.
api-doc-Administration-website = Web site.
api-doc-ApiError = An error answer (every `/api/` error is JSON).
api-doc-ApiError-error = What went wrong.
api-doc-Challenge = A challenge.
api-doc-Challenge-administration = Host administration.
api-doc-Challenge-city = City.
api-doc-Challenge-cohort = Cohort.
api-doc-Challenge-deliverables = Deliverables.
api-doc-Challenge-description_markdown = Long description (Markdown).
api-doc-Challenge-duration_months = Duration in months.
api-doc-Challenge-fellows = Fellows.
api-doc-Challenge-key_figures = Key figures.
api-doc-Challenge-mentors = Mentors.
api-doc-Challenge-repositories = Source code repositories.
api-doc-Challenge-skills = Skills asked for.
api-doc-Challenge-slug = Identifier.
api-doc-Challenge-status = Status.
api-doc-Challenge-tagline = Tagline.
api-doc-Challenge-title = Title.
api-doc-Challenge-url = Page.
api-doc-Challenge-website = Demo site.
api-doc-Challenge-year = Year.
api-doc-ChallengeList = Every public challenge.
api-doc-ChallengeList-count = How many.
api-doc-ChallengeList-data = The challenges.
api-doc-ChallengeList-licence = Licence and attribution.
api-doc-ChallengeOne = One challenge.
api-doc-ChallengeOne-data = The challenge.
api-doc-ChallengeOne-licence = Licence and attribution.
api-doc-CohortRef = A cohort reference.
api-doc-CohortRef-code = Code (`eig-3`).
api-doc-CohortRef-title = Title (French).
api-doc-Declared = A figure the program declared.
api-doc-Declared-as_of = Date.
api-doc-Declared-id = Figure id.
api-doc-Declared-lang = Page language.
api-doc-Declared-source = Source.
api-doc-Declared-value = Value.
api-doc-Deliverable = A deliverable.
api-doc-Deliverable-description = Description.
api-doc-Deliverable-title = Title.
api-doc-Deliverable-url = Link.
api-doc-ErrorDetail = What went wrong.
api-doc-ErrorDetail-fields = Problems with given parameters.
api-doc-ErrorDetail-message = Message, in the language asked for.
api-doc-ErrorDetail-request_id = Reference to quote to the program team.
api-doc-ErrorDetail-status = HTTP status.
api-doc-FieldProblem = A problem with a parameter.
api-doc-FieldProblem-code = Problem code.
api-doc-FieldProblem-field = Parameter.
api-doc-FieldProblem-message = Message, in the language asked for.
api-doc-Figure = A computed figure.
api-doc-Figure-all_cohorts = Value on every cohort.
api-doc-Figure-definition_en = Definition (English).
api-doc-Figure-definition_fr = Definition (French).
api-doc-Figure-definition_key = Definition key (`challenges-coached@1`).
api-doc-Figure-eig1_3_dig = Value on EIG 1–3 and DIG.
api-doc-Figure-id = Figure id.
api-doc-Figure-name_en = Name (English).
api-doc-Figure-name_fr = Name (French).
api-doc-Figures = The headline figures.
api-doc-Figures-computed = Computed from the data.
api-doc-Figures-declared = Declared by the program.
api-doc-Figures-licence = Licence and attribution.
api-doc-KeyFigure = A key figure.
api-doc-KeyFigure-amount = The number.
api-doc-KeyFigure-description = What it counts.
api-doc-Licence = The licence of the data.
api-doc-Licence-attribution = The attribution the licence requires.
api-doc-Licence-name = Licence name.
api-doc-Licence-url = Licence text.
api-doc-Member = A person in a team.
api-doc-Member-name = Name.
api-doc-Member-url = Profile page (when public).
api-doc-PeopleList = Every person with a public profile.
api-doc-PeopleList-count = How many.
api-doc-PeopleList-data = The people.
api-doc-PeopleList-licence = Licence and attribution.
api-doc-Person = A person with a public profile.
api-doc-Person-bio_markdown = Biography (Markdown).
api-doc-Person-github = GitHub handle.
api-doc-Person-gitlab = GitLab handle.
api-doc-Person-linkedin = LinkedIn.
api-doc-Person-name = Name.
api-doc-Person-profile = Profile (`designer`, `mentor`, …).
api-doc-Person-roles = Roles across cohorts.
api-doc-Person-slug = Identifier.
api-doc-Person-twitter = Twitter handle.
api-doc-Person-url = Page.
api-doc-Person-website = Web site.
api-doc-Role = A role of a person.
api-doc-Role-challenge = Challenge identifier.
api-doc-Role-cohort = Cohort code.
api-doc-Role-role = Role (`fellow`, `operational_mentor`, `program_staff`).
api-doc-Role-year = Year.
# Swagger UI’s own labels (static/api-docs.js replaces each English label with the page language’s).
swagger-try-it-out = Try it out
swagger-cancel = Cancel
swagger-execute = Execute
swagger-clear = Clear
swagger-parameters = Parameters
swagger-no-parameters = No parameters
swagger-name = Name
swagger-responses = Responses
swagger-links = Links
swagger-no-links = No links
swagger-media-type = Media type
swagger-example-value = Example Value
swagger-edit-value = Edit Value
swagger-schema = Schema
swagger-schemas = Schemas
swagger-request-url = Request URL
swagger-server-response = Server response
swagger-response-body = Response body
swagger-response-headers = Response headers
swagger-details = Details
swagger-download = Download
swagger-undocumented = Undocumented
swagger-expand-all = Expand all
swagger-collapse-all = Collapse all
swagger-expand-operation = Expand operation
swagger-collapse-operation = Collapse operation
swagger-required = required
swagger-loading = Loading...
swagger-load-failed = Failed to load API definition.
swagger-copy = Copy to clipboard
swagger-controls = Controls
swagger-accept-header = header.

## Emails
mail-hello = Hello,
mail-footer = Public Interest Entrepreneurs program — automatic message, please do not reply.
mail-login-subject = Your sign-in link
mail-login-intro = To sign in, open this link and confirm:
mail-login-button = Sign me in
mail-login-expiry = { $count ->
    [one] This link works once, for { $count } minute, and only in the browser where you asked for it.
   *[other] This link works once, for { $count } minutes, and only in the browser where you asked for it.
}
mail-login-ignore = If you did not ask for it, ignore this message: nobody can sign in without this link.
mail-invite-subject = You are invited to the program's platform
mail-invite-intro = { $inviter } invites you to join the program's platform with these roles:
mail-invite-button = Accept the invitation
mail-invite-expiry = { $count ->
    [one] The invitation is valid for { $count } day.
   *[other] The invitation is valid for { $count } days.
}
mail-email-change-subject = Confirm your new address
mail-email-change-intro = You asked to use this address for your account. To confirm, open this link:
mail-email-change-button = Confirm this address
mail-email-change-notice-subject = Address change requested
mail-email-change-notice = A change of your account's address to another address was requested. If it was not you, sign in and revoke your sessions, then tell the program team.

## Sign-in
nav-account = My space
login-title = Sign in
login-lead = Get a sign-in link by email: no password to remember.
login-legend = Sign in with a link
login-email = Email address
login-email-hint = Expected format: name@domain.org
login-submit = Send me a sign-in link
login-privacy = The link works once, for 15 minutes, in this browser only. We never say whether an address has an account.
login-oidc-title = Program team and juries
login-oidc-text = If your account is linked to your professional identity, sign in with it.
login-oidc-button = Sign in with { $provider }
login-sent-title = Check your inbox
login-sent-text = If an account matches this address, a sign-in link was just sent to it. Open it in this browser within 15 minutes.
login-sent-spam = Nothing? Look in your spam folder, then try again.
login-back = Back to sign-in
login-again = Ask for a new link
login-with-email = Sign in by email
confirm-login-title = Confirm sign-in
confirm-login-text = You are about to sign in with the link you received by email. Confirm to continue.
confirm-login-button = Sign me in
link-invalid-title = Link expired or already used
link-invalid-text = This link no longer works: it was used, expired, or never existed. Ask for a new one.
link-other-browser-title = Open the link in the right browser
link-other-browser-text = This link was requested from another browser. For your safety it only works there: open it there, or ask for a new link here.
second-factor-title = Second factor
second-factor-code = Code
second-factor-hint = The 6 digits shown by your authenticator app.
second-factor-hint-recovery = The 6 digits of your app, or one of your recovery codes.
second-factor-submit = Confirm
second-factor-failed = This code is not valid. Check your phone's clock and try again.
logout-title = You are signed out
logout-text = Your session is closed on the server.
oidc-unlinked-title = Account not linked
oidc-unlinked-text = This identity is linked to no account here. Sign in by email, then link it from your space.
oidc-refused-title = Sign-in refused
oidc-refused-text = The sign-in could not be verified. Start again from the sign-in page.
invite-title = Accept the invitation
invite-text = You were invited to join the program's platform. Accept to activate your account and your roles.
invite-button = Accept
invite-invalid-title = Invitation expired or already used
invite-invalid-text = This invitation no longer works. Ask the program team to invite you again.
method-magic_link = emailed link
method-oidc = professional identity (OpenID Connect)
method-totp = emailed link and second factor
method-recovery_code = emailed link and recovery code

## My space
account-title = My space
account-notice-linked = Your professional identity is linked to your account.
account-notice-saved = Saved.
account-notice-revoked = Session revoked.
account-notice-email = Your address changed; your other sessions were closed.
account-needs-second-factor-title = Second factor required
account-needs-second-factor = Your team, validation or jury roles only work after a strong sign-in: set up a second factor, or sign in with your professional identity.
account-second-factor-setup = Set up a second factor
account-profile = Profile
account-name = Name
account-save = Save
account-public-profile = See my public page
account-emails = Addresses
account-primary = primary
account-unverified = not verified
account-change-email = Change address
account-roles = Roles
account-no-roles = No role yet.
account-revoked = revoked
account-security = Security
account-signed-in-with = Current sign-in: { $method }.
account-second-factor-on = { $count ->
    [one] Second factor on. You have { $count } recovery code left.
   *[other] Second factor on. You have { $count } recovery codes left.
}
account-second-factor-off = No second factor.
account-new-recovery-codes = Make new recovery codes
account-remove-second-factor = Remove the second factor
account-oidc = { $provider } identity
account-oidc-link = Link my { $provider } identity
account-sessions = Open sessions
account-session-browser = Browser
account-session-last-seen = Last activity
account-session-action = Action
account-session-since = since { $date }
account-session-current = This session
account-session-revoke = Revoke
account-unknown-browser = Unknown browser
account-data = My data
account-export = Download all my data (JSON)
account-deletion-reason = Reason (optional)
account-deletion-request = Ask for my account to be deleted
account-deletion-requested = Deletion asked on { $date }: the program team will answer you.
account-logout = Sign out
deletion-title = Request recorded
deletion-text = Your deletion request was passed on to the program team, who will handle it within the legal month.
enrol-title = Set up a second factor
enrol-lead = A second factor protects your account: at each sign-in, on top of the link, you give a 6-digit code.
enrol-step-1 = Install an authenticator app (for example FreeOTP, Aegis or your phone's own).
enrol-step-2 = Scan this QR code with the app.
enrol-step-3 = Type the 6-digit code it shows.
enrol-qr-alt = QR code to scan with your authenticator app (the key is also given as text below)
enrol-manual = Or type this key by hand:
enrol-submit = Turn on the second factor
enrol-already-title = Second factor already set up
enrol-already-text = Your account already has a second factor. To change it, remove it first from your space.
recovery-title = Your recovery codes
recovery-warning = Write these codes down and keep them safe: each replaces the app's code once if you lose your phone. They will not be shown again.
recovery-done = I wrote my codes down
reauth-title = Confirm it is you
reauth-lead = This action needs a sign-in less than 5 minutes old.
reauth-send-link = Send me a confirmation link
reauth-submit = Confirm
reauth-sent-text = A link was just sent to your address. Open it in this browser, then come back to this page.
email-title = Change address
email-current = Current address: { $email }
email-new = New address
email-new-hint = A confirmation link will be sent to it; your current address will be told.
email-submit = Send the confirmation link
email-sent-title = Confirm your new address
email-sent-text = If this address can be used, a confirmation link was just sent to it. Open it in this browser.
email-confirm-title = Confirm the new address
email-confirm-text = This address will replace the current one for sign-in and messages. Your other sessions will be closed.
email-confirm-button = Confirm

## Dashboard (after sign-in) and header
header-signed-in-as = Signed in as { $name }
menu-cohorts = Cohorts
menu-challenges = Challenges
menu-people = People and roles
menu-decisions = Decisions to approve
menu-areas = My areas
dashboard-title = Dashboard
dashboard-lead = What is waiting for you, by role.
dashboard-second-factor-title = Give your second factor
dashboard-second-factor = Your staff, validation, pre-selection or jury roles only show after a strengthened sign-in: set up a second factor (or sign in with your professional identity).
dashboard-staff = Program staff
dashboard-staff-none = No call for projects under way.
dashboard-cohort-page = Cohort page
dashboard-to-prescreen = { $count ->
    [0] No proposal to pre-screen
    [one] { $count } proposal to pre-screen
   *[other] { $count } proposals to pre-screen
}
dashboard-hearings-to-schedule = { $count ->
    [0] No hearing to schedule
    [one] { $count } hearing to schedule
   *[other] { $count } hearings to schedule
}
dashboard-without-panel = { $count ->
    [0] No shortlisted proposal without a panel
    [one] { $count } shortlisted proposal without a panel
   *[other] { $count } shortlisted proposals without a panel
}
dashboard-decisions-to-prepare = { $count ->
    [0] No decision to prepare
    [one] { $count } decision to prepare
   *[other] { $count } decisions to prepare
}
dashboard-awaiting-validator = { $count ->
    [0] No decision awaiting approval
    [one] { $count } decision awaiting approval
   *[other] { $count } decisions awaiting approval
}
dashboard-jury = Jury
dashboard-to-score = { $count ->
    [0] No proposal to score
    [one] { $count } proposal to score
   *[other] { $count } proposals to score
}
dashboard-rankings = { $count ->
    [0] No ranking to give
    [one] { $count } ranking to give, as referent
   *[other] { $count } rankings to give, as referent
}
dashboard-ranking-line = { $panel } ({ $cohort }): { $count ->
    [one] { $count } heard proposal
   *[other] { $count } heard proposals
}
dashboard-preselection = Pre-selection
dashboard-to-review = { $count ->
    [0] No proposal to review
    [one] { $count } proposal to review
   *[other] { $count } proposals to review
}
dashboard-review-list = All the cohort's proposals
dashboard-validation = Approving decisions
dashboard-validation-none = No call for projects under way.
dashboard-staged = { $count ->
    [0] No staged decision to approve
    [one] { $count } staged decision to approve
   *[other] { $count } staged decisions to approve
}
dashboard-without-outcome = { $count ->
    [one] { $count } heard proposal still awaits its decision
   *[other] { $count } heard proposals still await their decision
}
dashboard-proposals-all = All my proposals
dashboard-deadline = Deadline
dashboard-calls = Calls for projects
dashboard-calls-link = Propose a challenge
dashboard-account = My account
dashboard-account-link = Profile, addresses, sessions and second factor

## Staff area
admin-title = Staff area
admin-audit = Audit log
admin-people = People holding roles
admin-invite = Invite someone
admin-invite-submit = Send the invitation
admin-invited = Invitation sent.
admin-role = Role
admin-choose-role = Choose a role
admin-scope = Scope
admin-source = Source
admin-revoke = Revoke
admin-grant = Grant a role
admin-grant-submit = Grant
admin-cohort-hint = Leave empty for the whole program.
admin-whole-program = Whole program
field-action = Action
field-object = Object
audit-action = Action
audit-all-actions = All actions
audit-object = Object
audit-when = Date
audit-who = Who
audit-details = Details
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-chain-ok = { $count ->
    [one] Chain intact: { $count } entry checked.
   *[other] Chain intact: { $count } entries checked.
}
audit-chain-broken = Chain broken at entry { $count }: the log was altered.
audit-sign_in = Sign-in
audit-sign_in_failed = Failed sign-in
audit-sign_out = Sign-out
audit-login_link_requested = Sign-in link requested
audit-rate_limited = Rate limit reached
audit-session_revoked = Session revoked
audit-role_granted = Role granted
audit-role_revoked = Role revoked
audit-invitation_sent = Invitation sent
audit-invitation_accepted = Invitation accepted
audit-email_change_requested = Address change requested
audit-email_changed = Address changed
audit-totp_enrolled = Second factor turned on
audit-totp_removed = Second factor removed
audit-recovery_codes_regenerated = Recovery codes renewed
audit-oidc_linked = OpenID identity linked
audit-data_exported = Data downloaded
audit-deletion_requested = Deletion requested
audit-profile_updated = Profile updated
audit-data_imported = Data imported
audit-access_denied = Access denied
audit-cohort_created = Cohort created
audit-calendar_changed = Calendar changed
audit-rules_changed = Rules changed
audit-organisation_created = Organisation added
audit-proposal_created = Proposal started
audit-proposal_member_invited = Contact invited to a proposal
audit-document_uploaded = Document attached
audit-proposal_submitted = Proposal submitted
audit-proposal_withdrawn = Proposal withdrawn
audit-proposal_deleted = Draft deleted
audit-proposal_status_changed = Proposal status changed
audit-information_requested = Information requested
audit-information_provided = Information provided
audit-review_saved = Pre-selection review saved
audit-panel_changed = Panel changed
audit-conflict_declared = Conflict of interest declared
audit-assignment_changed = Assignment changed
audit-hearing_scheduled = Hearing scheduled
audit-evaluation_saved = Evaluation saved
audit-ranking_saved = Ranking saved
audit-decision_staged = Decision staged
audit-decision_approved = Decisions approved
audit-results_published = Results published
audit-challenge_created = Challenge created
audit-challenge_published = Challenge page published
audit-challenge_edited = Challenge page edited
audit-application_created = Application started
audit-application_submitted = Application submitted
audit-application_withdrawn = Application withdrawn
audit-application_deleted = Application draft deleted
audit-reviewers_assigned = Reviewers assigned to applications
audit-application_reviewed = Application scored
audit-application_status_changed = Application: step taken
audit-interview_slot_opened = Interview slot opened
audit-interview_booked = Interview booked
audit-interview_cancelled = Interview cancelled
audit-interview_moved = Interview moved
audit-challenge_suggested = Another challenge proposed
audit-suggestion_answered = Proposed challenge accepted or declined
audit-candidates_ranked = Candidate list ranked
audit-matching_published = Matching published, offers sent
audit-offer_answered = Offer answered
audit-teams_announced = Teams announced
audit-export_downloaded = Export downloaded

## Development
devmail-title = Emails sent (development)
devmail-lead = In development and demo, emails do not leave: they are listed here, with their links.
devmail-empty = No email yet.
devmail-to = To: { $to }
devmail-demo-title = Second factor of the demo accounts
devmail-demo-text = Current code (valid 30 seconds):

## Call for projects: field errors and labels
error-required = is required
error-code-taken = is already used by another cohort
error-invalid-choice = is not one of the choices
error-number-range = must be a number from 1 to 99
error-year-range = must be a year from 2015 to 2100
error-invalid-datetime = is not a valid date and time (YYYY-MM-DD HH:MM)
error-datetime-nonexistent = does not exist in Paris: the clocks go forward an hour that night
error-datetime-ambiguous = happens twice in Paris: the clocks go back an hour that night; choose another time
error-start-required = has an end but no start
error-period-ends-before-start = ends before it starts
error-closes-before-opening = closes before it opens
error-call-needs-both-dates = needs both an opening and a closing date
error-criteria-count = must have 1 to 10 criteria
error-invalid-key = has a missing, invalid or repeated key (lowercase, digits, _)
error-label-required = needs a label in French and in English
error-weight-range = has a weight outside 1 to 10
error-scale-range = must be from 2 to 10
error-fellows-range = is not within the number of fellows allowed
error-profiles-required = needs at least one profile
error-invalid-attestation = has an incomplete or repeated attestation
error-invalid-attachment = has an incomplete or repeated document, or a size outside 1 to 20 MiB
error-limit-range = has a limit outside 10 to 10,000 characters
error-forbidden-characters = contains control characters
error-budget-programme = must be a 3-digit programme number
error-amount-range = is outside the accepted amounts
error-too-many = has too many rows
error-invalid-phone = is not a valid phone number
error-profile-not-offered = asks for a profile this cohort does not offer
error-percent-range = must be a percentage from 0 to 100
error-unknown-attestation = holds an unknown attestation
error-one-profile-per-fellow = must describe one profile per fellow requested
error-mission-required = needs a mission for each profile
error-contact-required = needs a name and an email address
error-team-required = needs at least one member of the project team
error-attestation-required = must all be ticked
error-attachment-required = are missing: attach the required documents
error-unknown-organisation = is not in the directory of administrations
error-file-empty = is empty
error-file-too-large = is larger than the maximum size
error-file-not-pdf = must be a PDF file
error-deadline-passed = can no longer be submitted: the deadline has passed (the platform's timestamp is authoritative)
error-version-conflict = changed meanwhile (another tab or another person): reload the page to see the latest version
error-choose-fields = needs at least one field to reopen
error-invalid-transition = does not allow this step
error-unknown-person = matches no account: invite this person first
error-name-taken = is already used
error-panel-conflict = has a member with a conflict of interest with this proposal
error-assign-first = must first be assigned to a panel
error-duration-range = must be 10 to 240 minutes
error-https-link = must be an https:// link
error-scores-incomplete = must score every criterion of the grid
error-score-range = have a score outside the scale
error-rank-every-heard-proposal = must rank every heard proposal, once
error-not-heard = is only possible for a heard proposal
error-already-published = can no longer change: the results are published
error-every-heard-proposal-needs-an-outcome = need an outcome for every heard proposal
error-nothing-staged = have no outcome yet
error-not-staging = are not being prepared
error-invalid-key-format = is invalid
field-kind = Kind
field-number = Number
field-title_fr = Title in French
field-title_en = Title in English
field-copy_rules_from = Rules copied from
field-calendar = Calendar
field-criteria = Criteria
field-scale_max = Scale
field-fellows = Number of fellows
field-profiles = Profiles
field-attestations = Attestations
field-attachments = Documents
field-limits = Length limits
field-host = Host administration
field-address = Host address
field-budget_programme = Budget programme
field-forecast_cost = Forecast cost
field-partners = Partner administrations
field-sort = the order
field-contacts = Contacts
field-team = Project team
field-datasets = Datasets
field-document = Document
field-fields = Fields
field-status = Status
field-panel = Panel
field-organisation = Organisation
field-hearing_at = Hearing time
field-duration = Duration
field-mode = Mode
field-location = Place or link
field-scores = Scores
field-opinion = Opinion
field-comment = Comment
field-ranking = Ranking
field-explanation = Explanation
field-outcome = Outcome
field-decisions = Decisions
field-publish_at = Publication time
field-title = Title
field-tagline = Tagline
field-city = City
field-website = Website
field-body_md = Page text
field-notes = Notes
field-questions = Questions for the hearing
field-recommendation = Recommendation
field-summary = Summary
field-problem = Context and problem
field-solution = Proposed solution
field-benefits = Expected benefits
field-benchmark = Existing solutions
field-status_text = Status
field-obstacles = Obstacles
field-legal = Legal and ethical issues
field-people_met = People to meet
field-sustainability = Sustainability
field-why_apply = Why apply
field-needs = What you need to succeed
field-transformation = Transforming the service
field-resources = Resources provided
field-mission = Mission
field-expertise = Expertise
field-dataset_steps = Steps to access the data
field-operational_mentor = Operational mentor
field-operational_mentor_2 = Second operational mentor
field-executive_sponsor = Executive sponsor
field-hr_contact = HR contact
field-finance_contact = Finance contact
field-aap_open = Call for projects opens
field-aap_close = Call for projects closes
field-project_preselection = Project pre-selection
field-aap_jury = Hearings
field-laureates_announced = Laureates announced
field-candidate_webinars = Candidate webinars
field-aac_open = Call for applications opens
field-aac_close = Call for applications closes
field-candidate_preselection = Candidate pre-selection
field-project_choice_window = Candidates choose projects
field-interviews = Interviews
field-results_notified = Results notified
field-results_public = Results public
field-start = Start
field-bootcamp = Bootcamp
field-demo_day = Demo day
field-seminar = Seminar
field-showcase = Final showcase
field-end = End
field-cofunding_decree = Co-funding decree
field-milestone = Milestone

## Call for applications: mail
mail-application-subject = Application { $reference } submitted
mail-application-intro = Your application to the { $cohort } cohort is submitted.
mail-application-next = The application is now read-only. The program team and the mentors of the challenges you chose will read it; you can follow it here:
mail-application-next-choose = The application is now read-only. If it is pre-selected, you will then rank the challenges you prefer. You can follow it here:

mail-application-update-subject = Your application { $reference }
mail-application-info = The { $cohort } program team asks you for more information on your application:
mail-application-preselected = Your application to the { $cohort } cohort is pre-selected: you will be invited to an interview.
mail-application-preselected-choose = Your application to the { $cohort } cohort is pre-selected: now rank the challenges you are interested in, in order of preference.
mail-application-refused = Your application to the { $cohort } cohort is not taken further, for this reason:

mail-interview-booked = Your interview is booked: { $when } (Paris time), { $where }. The invitation is attached for your calendar; you can move or cancel it until 24 hours before.
mail-interview-cancelled = Your interview of { $when } ({ $where }) is cancelled; the slot is free again.
mail-interview-reminder = Reminder: your interview is on { $when } (Paris time), { $where }. If you can no longer come, you can move or cancel it from your application until 24 hours before.
mail-suggestion = The interview panel also proposes the challenge “{ $challenge }” ({ $profile }) to you. If you accept, it is added after your own choices and that challenge’s panel may rank you; you may also decline it, with no effect on your other choices.
mail-suggestion-note = The panel’s note: { $note }
error-rank-interviewed-candidates-once = may rank only interviewed candidates who chose this challenge and profile, each once
error-slot-taken = is no longer available: choose another slot
error-too-late-to-cancel = can no longer be cancelled less than 24 hours before

mail-offer = Good news: a seat is offered to you on the challenge “{ $challenge }”, profile { $profile }. Answer before { $deadline } (Paris time); without an answer, the seat goes to the next person.
error-offer-expired = has expired: the deadline to answer has passed

## Call for projects: mail
mail-submitted-subject = Proposal { $reference } submitted
mail-submitted-intro = Your proposal “{ $name }” to the { $cohort } call for projects is submitted.
mail-submitted-when = The platform's timestamp, which is authoritative: { $when } — { $utc }.
mail-submitted-hash = SHA-256 fingerprint of what was submitted (form and documents): { $hash }
mail-submitted-next = The proposal is now read-only. You can follow it here:
mail-proposal-invite-subject = Invitation to work on the proposal “{ $name }”
mail-proposal-invite-intro = { $inviter } invites you to work on the proposal “{ $name }” for the { $cohort } call for projects.
mail-proposal-invite-role = You are named as: { $role }. To accept, open this link:
mail-info-requested-subject = Information requested on proposal { $reference }
mail-info-requested-intro = The program team asks for more information on the proposal “{ $name }”. The fields concerned are reopened: complete them, then send the proposal back.
mail-refused-subject = Your proposal { $reference }
mail-refused-intro = The proposal “{ $name }” cannot be examined further, for this reason:
mail-shortlisted-subject = Proposal { $reference } invited to a hearing
mail-shortlisted-intro = The proposal “{ $name }” is shortlisted. You will receive the hearing invitation with its time.
mail-hearing-subject = Hearing of proposal { $reference }
mail-hearing-intro = The proposal “{ $name }” will be heard by the panel “{ $panel }”.
mail-hearing-juror = You sit on the panel “{ $panel }”, which will hear the proposal “{ $name }”. Its kit is online.
mail-hearing-when = Time: { $when }, { $minutes } minutes. The calendar invitation is attached.
mail-hearing-video = By video: { $location }
mail-hearing-onsite = On site: { $location }
mail-selected-subject = Proposal { $reference } selected
mail-selected-intro = Congratulations: the proposal “{ $name }” is selected and becomes a challenge of the cohort. The program team will contact you to prepare its page and the recruitment.
mail-reserve-subject = Proposal { $reference }: reserve list
mail-reserve-intro = The proposal “{ $name }” is on the reserve list. We will contact you again if a place opens.
mail-not-selected-subject = Proposal { $reference }: result of the call
mail-not-selected-intro = The proposal “{ $name }” was not chosen by the jury. Thank you for taking part; the program team is available to talk about it.
mail-not-shortlisted-subject = Proposal { $reference }: result of the call
mail-not-shortlisted-intro = The proposal “{ $name }” was not shortlisted for the hearings.
contact-operational_mentor = operational mentor (project lead)
contact-operational_mentor_2 = second operational mentor
contact-executive_sponsor = executive sponsor
contact-hr_contact = HR contact
contact-finance_contact = finance contact (co-funding)

## Call for projects: pages
yes = yes
no = no
autosave-saving = Saving…
autosave-offline = Not saved: the server does not answer. What you typed stays in this tab and will be saved as soon as possible.
autosave-failed = Not saved: correct the fields shown. What you typed stays in this tab.
autosave-restored = What you typed and was not saved has been put back in the form; saving now.
autosave-stale = Unsaved text was typed on an older version: the version saved since is shown.
proposal-org-search-button = Search
proposal-upload-hint = Attaching a document also saves the form: nothing you typed is lost.
autosave-saved = Draft saved automatically at { $when }.
calls-title = Calls for projects
calls-lead = Administrations: propose a digital public-interest challenge. Two or three fellows will take it on for ten months with your team.
calls-none = No call for projects is open at the moment.
calls-open = Open
calls-upcoming = Upcoming
calls-name = Name of the challenge
calls-name-hint = You can change it later; 120 characters at most.
calls-start = Start a proposal
calls-sign-in = Sign in to propose a challenge
phase-not-scheduled = The call's dates are not set yet.
phase-upcoming = Opens on { $when }.
phase-open = Submissions until { $when } (the platform's timestamp is authoritative).
phase-closed = Closed since { $when }.
proposals-title = My challenge proposals
proposals-none = No proposal yet.
proposal-reference = Reference
proposal-name = Proposal
proposal-context = Context
proposal-status = Status
proposal-extra = Details
proposal-created = Proposal created. It saves automatically as you fill it in.
proposal-saved = Draft saved.
proposal-uploaded = Document attached.
proposal-invited = Invitation sent.
proposal-sent-back = Information sent to the program team.
proposal-conflict-title = Changed meanwhile
proposal-conflict = This proposal changed since the page was opened (in another tab or by someone else). Nothing was overwritten: copy your latest additions, then reload the page.
proposal-reload = Load the latest version
proposal-errors = Some fields need correcting
proposal-reason = Reason
proposal-info-requested = Information requested
proposal-info-how = The fields concerned are reopened below. Save, then send the proposal back.
proposal-required-hint = Fields marked * are required to submit; the draft may stay incomplete.
proposal-section-admin = Administrative and financial part
proposal-section-description = The challenge
proposal-section-team = Team and resources
proposal-host-hint = The administration that will host the fellows.
proposal-funding-holder = Funding holder, if different
proposal-funding-holder-hint = The body that receives the co-funding.
proposal-partners-hint = For an interministerial project; five at most.
proposal-partner = Partner
proposal-cofunding = We request the program's co-funding
proposal-budget-hint = 3-digit number (personnel credits).
proposal-cost-hint = Forecast total employer cost, in euros.
proposal-limit = { $count ->
    [one] { $count } character at most
   *[other] { $count } characters at most
}
proposal-profile = Profile
proposal-profile-kind = Kind of profile
proposal-dataset = Dataset
proposal-dataset-name = Name
proposal-dataset-accessible = Already accessible and usable
proposal-team-member = Project team member
proposal-function = Function
proposal-team-status = Status
proposal-involvement = Involvement (% of time)
proposal-contribution = Contribution
proposal-phone = Phone
proposal-save = Save the draft
proposal-to-submit = Check and submit
proposal-provide = Send the completed proposal back
proposal-document-kind = Document
proposal-document-file = File
proposal-document-none = not attached
proposal-document-hint = PDF only; a new file replaces the previous one.
proposal-upload = Attach
proposal-members = Who works on this proposal
proposal-invite-hint = Invite the other contacts: they will receive a link to join the proposal.
proposal-invite-role = Role
proposal-invite = Invite
proposal-withdraw-confirm = I confirm I want to withdraw this proposal; this cannot be undone.
proposal-withdraw = Withdraw the proposal
proposal-deadline = Deadline: { $when }.
submit-title = Submit the proposal
submit-lead = You are about to submit “{ $name }”.
submit-ready = Everything is complete. Once submitted the proposal can no longer be changed; you will receive a timestamped acknowledgement with its fingerprint.
submit-missing = Before submitting, complete:
submit-button = Submit for good
submit-back = Back to the proposal
receipt-title = Proposal submitted
receipt-reference = Reference: { $reference }
receipt-when = Platform timestamp: { $when }
receipt-hash = SHA-256 fingerprint:
receipt-mail = An acknowledgement with this information was sent to everyone working on the proposal.
receipt-back = See the proposal
status-draft = Draft
status-submitted = Submitted
status-withdrawn = Withdrawn
status-ineligible = Not eligible
status-incomplete = Incomplete
status-under_review = In pre-selection
status-info_requested = Information requested
status-shortlisted = Shortlisted
status-not_shortlisted = Not shortlisted
status-heard = Heard
status-no_show = Missed its hearing
status-selected = Selected
status-reserve = Reserve list
status-not_selected = Not selected
member-author = created the proposal
member-operational_mentor = operational mentor
member-operational_mentor_2 = second operational mentor
member-executive_sponsor = executive sponsor
member-hr_contact = HR contact
member-finance_contact = finance contact
profile-kind-data_scientist = Data scientist
profile-kind-developer = Developer
profile-kind-data_engineer = Data engineer
profile-kind-designer = Designer
profile-kind-geomatician = Geomatician
profile-kind-digital_law = Digital-law jurist
review-title = Pre-selection
review-eligible = Eligible
review-complete = Complete
review-shortlist = Hear
review-reject = Reject
review-more_information = Ask for more information
review-notes-hint = For the team and pre-selectors only.
review-questions-hint = They go into the jury kit and the hearing invitation.
review-save = Save my review
review-saved = Review saved.
review-back = The cohort's proposals
review-count = { $count ->
    [0] no review
    [one] { $count } review
   *[other] { $count } reviews
}
review-list-title = Proposals — { $cohort }
step-title = Next step
step-reason = Reason or message
step-reason-hint = Required for a refusal or a request for information; sent to the administration.
step-reopen = Fields to reopen for the information
step-apply = Apply
step-done = Step recorded.
step-start_review = Start pre-selection
step-request_information = Request more information
step-shortlist = Shortlist for a hearing
step-not_shortlist = Do not shortlist
step-ineligible = Not eligible
step-incomplete = Insufficiently detailed
step-heard = Heard
step-no_show = Missed its hearing
cohorts-title = Cohorts
cohort-title = Title
cohort-proposals = Proposals
cohort-create = Create a cohort
cohort-code-hint = Short identifier, for example eig-6.
cohort-copy-hint = That cohort's criteria, documents and limits are the starting point.
cohort-default-rules = Default EIG 5 rules
cohort-created = Cohort created.
cohort-saved = Saved.
cohort-link-proposals = Proposals and pre-selection
cohort-link-panels = Panels, assignment and hearings
cohort-link-decisions = Consolidation and decisions
cohort-link-rules = Edit the rules
cohort-export-csv = Export the proposals (CSV)
cohort-export-xlsx = Export the proposals (Excel)
cohort-calendar = Calendar
cohort-calendar-hint = Paris time. A time that does not exist or happens twice at a clock change is refused.
cohort-starts = Start
cohort-ends = End
cohort-calendar-save = Save the calendar
cohort-rules = Rules
cohort-rules-version = Version
cohort-rules-used = { $count ->
    [0] used by no proposal
    [one] used by { $count } proposal
   *[other] used by { $count } proposals
}
cohort-back = Back to the cohort
rules-title = Rules of the call for projects
rules-in-use = Proposals already use these rules: saving creates a new version, without changing those already submitted.
rules-criteria-hint = One row per criterion; leave the key empty to remove a row.
rules-criterion = Criterion
rules-key = Key
rules-fr = French label
rules-en = English label
rules-weight = Weight
rules-fellows-min = Fellows per challenge, at least
rules-fellows-max = Fellows per challenge, at most
rules-attestation = Attestation
rules-attachment = Document
rules-size = MiB
rules-required = Required
rules-save = Save the rules
panels-title = Panels — { $cohort }
panels-create = Create a panel
panels-add-juror = Add a juror
panels-juror-hint = Someone who already has an account; they get the cohort's jury role.
panels-organisation-hint = Their administration: its proposals are never given to them.
panels-referent = Panel referent (enters the consensus and the ranking)
panels-referent-short = referent
panels-remove = Remove
panels-assignment = Assigning proposals
panels-unassigned = { $count ->
    [0] No shortlisted proposal is waiting for a panel.
    [one] { $count } shortlisted proposal is waiting for a panel.
   *[other] { $count } shortlisted proposals are waiting for a panel.
}
panels-auto-assign = Assign automatically (balanced loads, no conflict of interest)
panels-assigned = Proposals assigned: { $count }.
panels-unassignable = No possible panel (conflicts): { $refs }.
panels-hears = Proposals assigned to this panel
panels-hearing = Hearing
panels-no-hearing = time to be set
panels-manual = Manual assignment
panels-assign = Assign
panels-schedule = Schedule a hearing
panels-minutes = minutes
panels-video = Video
panels-onsite = On site
panels-schedule-send = Schedule and send the invitations
panels-scheduled = Hearing scheduled; invitations sent with the calendar file.
jury-title = Jury area
jury-none = You sit on no panel at the moment.
jury-preselection = Pre-selection
jury-ranking = The panel's ranking
jury-my-scores = My scores
jury-scored = done
jury-to-score = to do
kit-print = Print the kit
kit-dossier = Dossier
kit-grid = Scoring grid
kit-scale-hint = 1: not at all satisfactory · 2: unsatisfactory · 3: satisfactory · 4: excellent
kit-coup = Coup de cœur
kit-consensus = The panel's consensus (referent)
kit-save = Save the scores
kit-saved = Scores saved.
kit-others = Other jurors' scores
kit-blind = Other jurors' scores appear once yours is saved.
kit-heard = Hearing held
kit-no-show = Administration absent
kit-hearing = Hearing: { $when }
kit-conflict = Declare a conflict of interest
kit-conflict-hint = The proposal leaves your area; the program team will give it to another panel if needed.
kit-conflict-button = Declare the conflict
opinion-favourable = Favourable
opinion-unfavourable = Unfavourable
ranking-title = Ranking — { $panel }
ranking-none = No heard proposal to rank.
ranking-hint = Number from 1 (preferred) to N, no ties, and explain in one sentence.
ranking-position = Rank
ranking-save = Save the ranking
decisions-title = Consolidation and decisions — { $cohort }
decisions-consolidation = Heard proposals, all panels
decisions-rank = Rank
decisions-consensus = Consensus
decisions-mean = Jurors' mean
decisions-favourable = Favourable
decisions-disagreements = Disagreements
decisions-stage = Stage
decisions-staged = Decision staged.
decisions-approve-title = Approve and publish
decisions-publish-hint = Paris time; empty: publish now. Before then nobody but the team and you knows the results.
decisions-approve-intro = You approve the outcomes in the “Outcome” column of the table above:
decisions-count-selected = Selected: { $count }
decisions-count-reserve = Reserve: { $count }
decisions-count-not_selected = Not selected: { $count }
decisions-approve-confirm = I confirm I approve these outcomes, to be published at the time given.
error-confirmation-required = needs the box ticked to confirm
field-org = The administration search
field-confirm = The approval
decisions-approve = Approve the decisions
decisions-approved = Decisions approved; publication scheduled.
outcome-selected = Selected
outcome-reserve = Reserve
outcome-not_selected = Not selected
round-none = No decision staged.
round-staging = Decisions being prepared, awaiting approval.
round-approved = Decisions approved; publication on { $when }.
round-published = Results published on { $when }.
challenges-admin-title = Challenges from the call for projects
challenges-admin-none = No challenge yet.
challenges-admin-public = See the public page
challenges-admin-markdown = Markdown; HTML is filtered.
challenges-admin-publish = Publish the page (the challenge appears on the public site, open for applications)
challenges-admin-save = Save
challenge-status-framing = framing
challenge-status-open_for_applications = open for applications
challenge-status-matching = matching
challenge-status-staffed = staffed
challenge-status-running = running
challenge-status-closing = closing
challenge-status-completed = completed
challenge-status-withdrawn = withdrawn
proposal-org-search = Search for an administration
proposal-org-search-hint = Name, acronym or former name (for example DINSIC)
proposal-org-matches = { $count ->
    [0] No administration matches: try an acronym or another name.
    [one] One administration matches; choose it below.
   *[other] { $count } administrations match; choose below.
}
nav-calls = Propose a challenge
proposal-delete = Delete the draft
proposal-delete-confirm = I confirm I want to delete this draft and its documents; this cannot be undone.
proposal-deleted = Draft deleted.

# Exports
export-col-reference = Reference
export-col-name = Name
export-col-host = Host organisation
export-col-status = Status
export-col-submitted_at = Submitted (Paris time)
export-col-submission_sha256 = Submission fingerprint (SHA-256)
export-col-fellows = Fellows requested
export-col-panel = Panel
export-col-rank = Rank in the panel
export-col-consensus_total = Panel score (consensus)
export-col-mean_total = Jurors’ mean
export-col-favourable = Jurors’ favourable opinions
export-col-opinions = Jurors’ opinions
export-col-coups_de_coeur = Coups de cœur
export-col-disagreements = Criteria in disagreement
export-col-outcome = Outcome
export-sheet = Proposals
cohort-export-csv-semicolon = Export the proposals (CSV for French spreadsheets, semicolons)
error-juror-conflict = is in a conflict of interest with a proposal this panel hears: move that proposal to another panel first

# Review list filters
review-filter-status = Status
review-filter-all = All ({ $count })
review-sort = Sort by
review-sort-reference = Reference
review-sort-name = Name
review-sort-host = Host organisation
review-sort-status = Stage
review-sort-reviews = Fewest reviews first
review-sort-submitted = Most recently submitted first
review-filter-apply = Show
review-filter-clear = Show all
review-shown = { $shown } of { $count } { $count ->
    [one] proposal
   *[other] proposals
}

# The read-only dossier
dossier-print = Print the dossier
dossier-panel = Follow-up
dossier-hearing = Hearing
dossier-no-review = No review yet.
dossier-attested = Attested:
dossier-not-attested = Not attested:
dossier-dataset-not-accessible = not yet accessible

# Challenge addresses
field-slug = Page address
challenges-admin-slug-hint = Lower-case letters, digits and hyphens: /challenges/<address>.
challenges-admin-slug-public = Lower-case letters, digits and hyphens. The page is public: its former address will redirect to the new one.
error-slug-taken = is already the address of another challenge

# The audit log, readable
audit-object-person = Person
audit-object-application = Application
audit-object-proposal = Proposal
audit-object-panel = Panel
audit-object-cohort = Cohort
audit-object-challenge = Challenge
audit-object-login = Sign-in
audit-object-oidc = OpenID Connect
audit-object-session = Session
audit-detail-reason = Reason
audit-detail-issuer = Provider
audit-detail-role = Role
audit-detail-cohort = Cohort
audit-detail-assignment = Assignment
audit-detail-from = From
audit-detail-to = To
audit-detail-recommendation = Recommendation
audit-detail-consensus = Consensus
audit-detail-total = Total
audit-detail-panel = Panel
audit-detail-created = Created
audit-detail-added = Added
audit-detail-removed = Removed
audit-detail-referent = Referent
audit-detail-auto = Assigned automatically
audit-detail-unassignable = No possible panel
audit-detail-at = When
audit-detail-minutes = Length (min)
audit-detail-mode = Mode
audit-detail-sequence = Invitation version
audit-detail-count = Count
audit-detail-format = Format
audit-detail-rows = Rows
audit-detail-outcome = Outcome
audit-detail-selected = Selected
audit-detail-outcomes = Outcomes
audit-detail-publish_at = Publication
audit-detail-published = Published
audit-detail-renamed_to = New address
audit-detail-challenges = Challenges created
audit-detail-proposal = Proposal
audit-detail-key = Document
audit-detail-size = Size (bytes)
audit-detail-sha256 = SHA-256 fingerprint
audit-detail-applications = Applications
audit-detail-pairs = Assignments
audit-detail-short = Without enough reviewers
audit-detail-submitted_at = Submitted
audit-detail-hash = Fingerprint
audit-detail-documents = Documents
audit-detail-name = Name
audit-detail-fields = Fields
audit-detail-email_hash = Address (fingerprint)
kit-heard-saved = Hearing recorded.
kit-no-show-saved = Absence of the administration recorded.
kit-consensus-title = The panel’s collective scoring

## Call for applications: pages
apply-name = Full name
apply-name-hint = As you want it used; it becomes your account’s name when you submit your application.
apply-title = Apply
apply-lead = Data scientists, designers, developers, digital-law jurists: join a cohort for ten months inside an administration.
apply-mine = My applications
apply-calls = Calls for applications
apply-none = No call for applications is open at the moment.
apply-start = Start my application
apply-sign-in = Sign in to apply
apply-back = My applications
apply-application-title = My application
apply-required-hint = Fields marked * are required to submit the application; the draft may stay incomplete. It saves automatically.
apply-section-you = You
apply-profiles = Profiles
apply-years = Years of professional experience
apply-years-hint = In total; they set the salary.
apply-salary = Net monthly salary for this experience: €{ $amount }.
apply-text-background = Background and experience
apply-text-motivation = Motivation to join the program
apply-text-resources = Resources you would need (hardware, people, funding)
apply-section-choices = Your choice of challenges
apply-choices-hint = In order of preference: your first choice first.
apply-choice = Choice
apply-choice-target = Challenge and profile
apply-contribution = What you would bring to this challenge (first leads)
apply-seats = { $count ->
    [one] one seat
   *[other] { $count } seats
}
apply-section-practical = Practicalities
apply-mobile = Can you work outside Paris?
apply-available = Are you available on the cohort's start date?
apply-teammate = Someone you would like to team up with (optional)
apply-teammate-hint = Their name; the jury takes it into account, selection stays individual.
apply-links = Links to your work (optional)
apply-links-hint = https:// addresses, five at most.
apply-link = Link
apply-documents = Documents
apply-cv = CV (PDF, required)
apply-portfolio = Portfolio or other document (PDF, optional)
apply-declarations = Declarations
apply-consent = I have read the notice on the processing of my personal data: it serves the selection and is kept for the time the program sets.
apply-missing = To submit the application, this is missing:
apply-submit = Submit my application
apply-withdraw-confirm = I confirm I withdraw my application.
apply-withdraw = Withdraw my application
apply-withdrawn = Application withdrawn.
field-phone = The phone
field-years_experience = The years of experience
field-background = The background
field-motivation = The motivation
field-choices = The choices
field-mobile = The mobility
field-available_at_start = The availability
field-teammate = The teammate
field-declarations = The declarations
field-consent = The notice
field-links = The links
field-cv = The CV
application-status-draft = Draft
application-status-submitted = Submitted
application-status-withdrawn = Withdrawn
application-status-ineligible = Not eligible
application-status-in_preselection = In pre-selection
application-status-info_requested = Information requested
application-status-not_preselected = Not pre-selected
application-status-preselected = Pre-selected
application-status-choices_submitted = Choices made
application-status-interview_scheduled = Interview booked
application-status-interviewed = Interviewed
application-status-no_show = Missed the interview
application-status-offered = Seat offered
application-status-accepted = Seat accepted
application-status-declined = Seat declined
application-status-expired = Offer expired
application-status-not_selected = Not selected
error-cv-required = is missing: attach your CV as a PDF
error-consent-required = needs the box ticked
error-declaration-required = need each declaration ticked
error-choices-required = need at least one choice
error-too-many-choices = exceed the number of choices allowed
error-repeated-choice = hold the same choice twice
error-choice-not-offered = do not match an open seat
error-contribution-required = need what you would bring to each choice
error-profile-not-applied = name a profile you did not tick
error-years-range = must be a number of years between 0 and 60
error-invalid-link = must be https:// addresses
error-unknown-declaration = hold an unknown declaration

## Call for applications: staff, validator, reviewers
desk-nav = Steps of the call for applications
desk-nav-rules = Rules
desk-nav-applications = Applications
desk-nav-interviews = Interviews
desk-nav-matching = Matching
cohort-link-applications = Call for applications
app-rules-title = Rules of the call for applications — { $cohort }
app-rules-unset = No rules are set yet: the values below are EIG 5’s, to confirm. Candidates see the call only once its rules are saved.
app-rules-call = The call
field-choice_mode = Choosing challenges
field-max_choices = Most ranked choices
field-reviewers_per_application = Reviewers per application
field-min_team = Smallest team for a challenge to start
field-cv_max_mib = Largest CV (MiB)
field-mentors_preselect = Mentors pre-select the candidates of their challenge
choice-mode-at_application = In the application (EIG 2 to 4)
choice-mode-after_preselection = After pre-selection (EIG 5)
app-rules-seats = Seats per challenge and profile
app-rules-seats-hint = 0 or empty: profile not offered on this challenge. Candidates may choose only the (challenge, profile) pairs with at least one seat.
app-rules-no-challenge = No challenge in this cohort yet.
app-rules-save = Save the rules
app-rules-grid = Scoring grid
app-rules-grid-caption = Criteria scored from 0 to { $max }
app-rules-criterion = Criterion
app-rules-weight = Weight
app-rules-bands = Net monthly pay by experience
app-rules-band-upto = With { $years } years of experience:
app-rules-band-beyond = Beyond { $years } years of experience:
desk-title = Applications — { $cohort }
desk-unassigned = { $count ->
    [0] No submitted application is waiting for reviewers.
    [one] One submitted application is waiting for its reviewers.
   *[other] { $count } submitted applications are waiting for their reviewers.
}
desk-assign = Assign reviewers
desk-assigned-notice = { $count ->
    [one] Reviewers assigned to one application.
   *[other] Reviewers assigned to { $count } applications.
}
desk-method = Scores normalised per reviewer:
desk-filter-all = All statuses
desk-filter-q = Name or reference
desk-shown = { $count ->
    [0] No application matches.
    [one] One application shown.
   *[other] { $count } applications.
}
desk-caption = Submitted applications, from the best normalised mean to the lowest
desk-candidate = Candidate
desk-scores = Scores (/20) per reviewer
desk-mean = Raw mean
desk-z = Mean z
desk-actions = Decision
desk-assigned = { $count ->
    [0] No reviewer
    [one] One reviewer, no score yet
   *[other] { $count } reviewers, no score yet
}
desk-disagreement = Disagreement
desk-step = Step
desk-reason = Reason (sent to the candidate; required except to pre-select)
desk-apply-step = Apply
desk-step-preselect = Pre-select
desk-step-request_information = Ask for more information
desk-step-refuse = Do not pre-select
desk-step-ineligible = Not eligible
desk-held = Interview held
desk-no-show = Did not come
slots-title = Interviews — { $cohort }
slots-open = Open a slot
field-starts_at = Start
field-challenge = Challenge
slots-location-hint = The room’s address, or an https:// video link
slots-challenge-hint = A slot for a challenge is offered only to the candidates who chose it.
slots-any = Every challenge
slots-caption = Interview slots, soonest first
slots-booked = Booked by
slots-none = No slot is open.
matching-title = Matching — { $cohort }
matching-secret = Nothing of the matching shows to candidates, panels or the public before the validator publishes it.
matching-published = Matching published on { $when }: the offers went out.
matching-lists = Ranked lists
matching-lists-hint = For each challenge and profile, rank the interviewed candidates who chose it (1 = first); leave empty not to rank. Those ranked beyond the seats are the reserves.
matching-no-candidate = No interviewed candidate chose this challenge for this profile.
matching-position = Rank
matching-choice = Rank of the choice for the candidate
matching-save-list = Save the list
matching-matched = Placed now:
matching-result = The matching
matching-stable = Stable matching (candidate-proposing deferred acceptance): no candidate and list would both rather choose each other; every candidate gets the best choice possible in a stable matching.
matching-unstable = Warning: this matching has blocking pairs.
matching-understaffed = Challenges under the smallest team (to re-profile or withdraw):
matching-explanations = Where each candidate is placed, and why each preferred choice was not obtained
matching-placed = Placed
matching-why = Preferred choices not obtained
matching-reserve = In reserve
matching-reason-not-ranked = not ranked on this list
matching-reason-no-seats = no seat
matching-reason-seats-taken = ranked { $rank }; the seats went to ranks { $ranks }
matching-publish-title = Publish the matching
matching-publish-confirm = I have read the matching: every placed candidate will get an offer to accept within 7 days; the others stay in reserve.
matching-publish = Publish and send the offers
matching-published-notice = { $count ->
    [one] Matching published: one offer sent.
   *[other] Matching published: { $count } offers sent.
}
matching-offers = Offers
offer-deadline = Answer by
offer-answer = Answer
offer-pending = Waiting
offer-response-accepted = Accepted
offer-response-declined = Declined
offer-response-expired = Expired
matching-fellows = Fellows
matching-announced = Team announced
matching-announce-hint = Announcing the teams publishes the fellows on their challenge’s page.
matching-announce = Announce the teams
matching-announced-notice = { $count ->
    [0] No new team to announce.
    [one] One fellow announced on their challenge’s page.
   *[other] { $count } fellows announced on their challenge’s page.
}
reviews-title = Applications to review — { $cohort }
reviews-intro = Score each application on the grid. The other reviewers’ scores show once yours are in; your reading order is drawn at random.
reviews-none = No application is assigned to you.
reviews-your-total = Your total:
reviews-others = The other reviewers’ totals:
reviews-comment = Comment
reviews-save = Save my scores
apply-reason = Reason
apply-offer-title = A seat is offered to you
apply-offer = { $challenge } — { $profile }. Please answer by { $deadline }.
apply-offer-accept = Accept the seat
apply-offer-decline = Decline the seat
apply-offer-decline-confirm = I decline this seat; it will be offered to the next person.
apply-interview-title = Interview
apply-interview-held = Your interview: { $slot }
apply-interview-cancel-confirm = I cancel my interview (possible until 24 hours before).
apply-interview-move-choose = Move to another free slot
apply-interview-move = Move the interview
apply-interview-cancel = Cancel the interview
apply-interview-none = No free slot yet; you will get a message when new slots open.
apply-interview-choose = Choose a slot
apply-interview-book = Book this slot
apply-booked = Interview booked: the invitation is on its way by email.
apply-choices-close = Deadline: { $when }.
apply-choices-submit = Send my choices
apply-information-title = More information asked
apply-information-send = Send the information
error-invalid-number = must be a whole number
error-repeated-position = two candidates have the same rank
field-held = Interview
field-offer = Offer
field-slot = Slot
field-step = Step
field-seats = Seats
nav-reviews = Reviews
dashboard-application-reviews = Applications to review
dashboard-applications-to-review = { $count ->
    [0] all scored ({ $assigned } assigned)
    [one] one to score out of { $assigned }
   *[other] { $count } to score out of { $assigned }
}
nav-apply = Apply
audit-account_created = Account created
signup-title = Create my candidate account
signup-lead = Give your address: you will get a link that creates your account (or signs you in, if you already have one). No password to remember.
signup-submit = Send me my link
signup-sent-text = A link was just sent to this address, unless too many links were sent to it recently. Open it in this browser within 15 minutes: it creates your account, or signs you in if you already have one.
apply-sign-up = Create my account
review-method = z = (score − the reviewer’s mean) ÷ the reviewer’s standard deviation (population), over all the reviewer’s scores in the call; no z when a reviewer gave fewer than two scores or all alike.
audit-matching_overridden = Matching overridden by hand
matching-overrides = Adjustments by hand
matching-over-capacity = Lists beyond their seats (publication waits):
matching-blocking-intro = Blocking pairs the adjustments create: the candidate and the list would rather have each other.
matching-blocking-pair = { $candidate } and { $list }
matching-no-override = No adjustment: the matching is the deferred acceptance’s.
matching-override-none = out of the matching
matching-override-remove = Remove the adjustment
matching-override-hint = Place a candidate on another list of their choices that ranks them, or out of the matching; the reason is logged and the blocking pairs created are shown.
matching-override-target = Place on
matching-override-reason = Reason (logged)
matching-override-save = Adjust
error-not-acceptable = the list must be one of the candidate’s choices and rank them
error-over-capacity = a list holds more candidates than seats
field-target = Placement
field-matching = Matching
matching-ranked-count = { $count ->
    [0] no candidate to rank
    [one] one candidate
   *[other] { $count } candidates
}
matching-to-result = Go to the result and the explanations
apply-open-mine = Open my application
audit-interview_scored = Interview scored
panel-title = Interviews to score — { $cohort }
panel-intro = The interviews of the candidates who chose your challenge (all of them, for program staff): read the application and the pre-selection remarks, score on the grid. The other members’ scores show once yours are in; program staff record the panel’s consensus.
panel-none = No interview concerns you yet.
suggestion-accepted = accepted
suggestion-declined = declined
suggestion-waiting = awaiting their answer
panel-suggested = Other challenges proposed
panel-suggest = Propose another challenge to this candidate
panel-suggest-hint = They accept or decline it; accepted, the challenge is added after their choices and its panel may rank them.
panel-suggest-list = Challenge and profile
panel-suggest-note = A word for them (optional)
panel-suggest-button = Propose this challenge
apply-suggestions-title = Another challenge is proposed to you
apply-suggestions-intro = The interview panel also proposes these challenges to you. Accepted, a challenge is added after your choices and its panel may rank you; declined, nothing else changes.
apply-suggestion-accept = Accept
apply-suggestion-decline = Decline
apply-suggestion-note = The panel’s note:
apply-suggestion-answer = Your answer:
panel-remarks = Pre-selection remarks
panel-others = The other panel members’ totals:
panel-consensus = The panel’s consensus:
panel-record-consensus = Record as the panel’s consensus (replaces the previous one)
matching-consensus = Interview consensus (/20)
reviews-to-panel = Interviews to score (panel)
slots-to-panel = The interview panel’s page: score, record the consensus
