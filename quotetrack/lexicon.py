"""Word lists of general English-news knowledge used by the attribution rules.

Nothing here comes from a particular article: these are the speech verbs, honorifics,
role nouns and nationality adjectives that any English news story uses.
"""

from __future__ import annotations

import re

# Lemmas of verbs that report speech or writing. "according to" is handled apart.
SPEECH_VERBS = frozenset(
    """
    say tell add state explain write tweet post insist claim argue warn note ask reply respond
    answer continue announce declare describe call accuse predict admit acknowledge conclude
    comment remark suggest urge vow promise recall confirm deny quip joke complain agree
    observe mention report reveal stress emphasise emphasize point tell testify concede
    boast lament muse exclaim shout scream cry whisper plead pledge demand maintain reiterate
    assert contend counter retort affirm caution predict propose recommend recount describe
    blast slam criticise criticize praise hail dismiss label brand welcome thank apologise
    apologize sing chant read begin finish summarise summarize sum put echo allege
    denounce condemn decry indicate talk characterise characterize dub slate lambast berate deride reason
    refer opine underline assail
    """.split()
)

# Nouns that name a speech act or text ("in a statement", "the report said").
DOCUMENT_NOUNS = frozenset(
    """
    report statement letter study survey paper document memo memorandum note review
    study research analysis findings briefing submission filing lawsuit complaint
    affidavit warrant indictment ruling judgment verdict decision editorial column
    article blog post tweet email e-mail message release manifesto white bill decree
    """.split()
)

# Outlet-like nouns that speak as a body ("the paper said").
OUTLET_NOUNS = frozenset("paper newspaper magazine tabloid broadsheet daily website network broadcaster".split())

HONORIFICS = frozenset(
    """
    mr mrs ms miss mx dr sir dame prof professor rev reverend fr father sister brother
    madam madame mme mlle monsieur herr frau sr sra sheikh
    """.split()
)
MALE_HONORIFICS = frozenset("mr sir lord monsieur herr fr father brother sr".split())
FEMALE_HONORIFICS = frozenset("mrs ms miss dame lady madam madame mme mlle frau sra sister baroness".split())
# Titles kept as part of the name (peers are known by them: "Lord Butler").
KEPT_TITLES = frozenset("lord lady baroness baron earl viscount duke duchess".split())
# Titles that go with a single name as the way a person is known ("Pope Francis", "King Charles").
REGNAL_TITLES = frozenset("pope king queen prince princess emperor empress".split())

# Head nouns of roles and titles. A role is this head with its modifiers
# ("Foreign Minister", "chief executive", "Patrol Chief").
ROLE_HEADS = frozenset(
    """
    dj vj mc minister secretary president vice-president premier chancellor king queen prince princess
    senator congressman congresswoman congressperson assemblyman assemblywoman assemblymember alderman
    councilmember representative rep sen governor mayor
    councillor councilman councilwoman lawmaker legislator mp mep mla deputy ambassador envoy
    diplomat consul commissioner chairman chairwoman chair chairperson ceo cfo coo cto founder
    co-founder owner executive director manager boss head chief leader spokesman spokeswoman
    spokesperson official officer adviser advisor aide analyst economist strategist expert
    researcher scientist professor lecturer academic teacher principal dean student doctor
    surgeon physician nurse lawyer attorney solicitor barrister counsel judge magistrate
    prosecutor detective inspector sergeant constable sheriff marshal superintendent
    commander general admiral colonel major captain lieutenant soldier pilot officer
    coach trainer player striker midfielder defender goalkeeper keeper forward winger
    captain quarterback pitcher batter manager referee umpire athlete runner champion
    actor actress star singer musician artist director producer writer author novelist poet
    comedian presenter host broadcaster journalist reporter editor correspondent columnist
    critic photographer designer architect engineer developer programmer entrepreneur
    investor banker trader broker accountant consultant partner president-elect candidate
    campaigner activist organiser organizer protester witness victim survivor resident
    neighbour neighbor mother father son daughter wife husband brother sister friend
    relative parent teenager fan traveller traveler passenger driver customer worker employee
    meteorologist forecaster spokesmen representative delegate negotiator mediator
    secretary-general governor-general chief-executive whip speaker treasurer attorney-general
    pope cardinal bishop archbishop rabbi imam priest vicar pastor minister-president
    sheriff commissioner administrator coordinator supervisor president chief investigator
    agent trooper ranger firefighter paramedic warden clerk auditor inspector-general
    superintendent head-teacher headteacher chancellor provost rector curator spokesperson member
    eyewitness bystander onlooker passer-by advocate astronaut cosmonaut source insider
    coroner ombudsman ombudsperson comptroller registrar headmaster headmistress taoiseach tanaiste chaplain
    """.split()
)

# Role heads that also name a body rather than a person ("the board said").
# Roles that exist only inside an organisation: someone with one of these speaks for a body
# even when the sentence does not name it. Not sports roles: a match report names both
# sides, so "the last team named" is a coin toss (see SPORTS_ROLES).
ORG_ROLE_HEADS = frozenset(
    """
    spokesman spokeswoman spokesperson director chairman chairwoman chair ceo cfo coo cto executive
    manager boss head chief founder co-founder treasurer secretary-general
    official officer
    """.split()
)

# Abbreviated titles written before names ("Rep. Ron Estes", "U.S. Reps. X and Y") and the
# title each abbreviates: the role is stored written out, so that one title is one facet.
ABBREVIATED_TITLES = {
    "rep": "Representative", "reps": "Representative", "sen": "Senator", "sens": "Senator",
    "gov": "Governor", "gen": "General", "lt": "Lieutenant", "col": "Colonel", "sgt": "Sergeant",
    "supt": "Superintendent", "insp": "Inspector", "det": "Detective",
}

# Bodies of the state that news names by their noun ("the army", "the police said"): one
# of them is the organisation whose name has the noun, never just the last body named.
INSTITUTION_NOUNS = frozenset("army navy police military government parliament court ministry city county".split())

# Words for members of a legislature: "the lawmakers wrote" after naming a senator and a representative.
LEGISLATOR_HEADS = frozenset(
    "lawmaker legislator senator representative congressman congresswoman congressperson mp mep".split()
)

# Offices one holder fills: "the prime minister" the article never named is not whoever the passage is
# about, as "said the 74-year-old comedian" may be (a former one describes: "the former cabinet secretary").
OFFICE_TITLES = frozenset(
    """
    minister secretary president vice-president premier chancellor senator congressman congresswoman governor
    mayor councillor ambassador commissioner chairman chairwoman ceo judge prosecutor sheriff general admiral
    speaker pope bishop archbishop taoiseach attorney-general secretary-general governor-general
    """.split()
)

# Family words: "the mother said" is never guessed from whoever the passage is about (often the victim).
FAMILY_ROLES = frozenset(
    "mother father son daughter wife husband brother sister widow widower parent grandmother grandfather "
    "aunt uncle niece nephew cousin girlfriend boyfriend partner fiancee fiance".split()
)

# Roles that by definition hide who holds them: never resolved to a named person.
ANONYMOUS_ROLES = frozenset("source insider".split())

# Roles of people who speak for a body and are often left unnamed ("the Trafford Centre spokeswoman").
SPOKES_ROLES = frozenset("spokesman spokeswoman spokesperson official source representative aide".split())
# Of them, those who are never the person a passage is about: "the spokesperson added" is no one named before.
VOICE_ROLES = frozenset("spokesman spokeswoman spokesperson aide".split())

# Last words that make a name a body's whatever the recogniser says ("Toronto Police", "Leeds City Council").
BODY_WORDS = frozenset(
    "police council agency department ministry commission authority service constabulary committee".split()
)

# Titles that say whether a man or a woman holds them: "the mother said" is not the father.
TITLE_GENDER = {
    **dict.fromkeys(
        "mother wife daughter sister woman girl actress spokeswoman chairwoman congresswoman businesswoman "
        "grandmother aunt niece queen princess widow girlfriend councilwoman assemblywoman".split(), "f"),
    **dict.fromkeys(
        "father husband son brother man boy actor spokesman chairman congressman businessman "
        "grandfather uncle nephew king prince widower boyfriend councilman assemblyman".split(), "m"),
}

# The people an award category names ("best actress"): the winner's role.
AWARD_ROLES = frozenset("actor actress director".split())

# Law-enforcement roles and the words that name the bodies employing them: a detective
# with no body named beside them works for the one police force the story names.
POLICE_ROLES = frozenset("investigator detective deputy sergeant constable trooper superintendent inspector".split())
POLICE_BODY = re.compile(
    r"\b(?:Police|Sheriff|Constabulary|Highway Patrol|State Patrol|Bureau of Investigation|FBI|"
    r"Scotland Yard|Marshals? Service|Gendarmerie|Garda|Carabinieri)\b"
)

# Sports roles: the side someone plays for or coaches is often named only as "England's defeat".
SPORTS_ROLES = frozenset(
    """
    half fly-half scrum-half winger wing centre full-back prop hooker lock flanker striker midfielder defender
    goalkeeper keeper forward quarterback pitcher batter bowler batsman coach captain skipper manager player
    """.split()
)

# Roles that say who someone is, not whom they work for: a nationality before them
# ("a Turkish national", "Afghan-born journalist") is no organisation.
PERSONAL_ROLES = frozenset(
    """
    national citizen resident native woman man girl boy tourist student fiancee fiancée fiance wife
    husband mother father son daughter brother sister friend relative journalist writer author
    actor actress singer artist survivor victim witness passenger traveller traveler visitor
    """.split()
)

#: "Jr.", "III": part of the name before them, never a speaker of its own (the parser may make "Jr." a subject)
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv m.d m.d. md phd ph.d ph.d. esq esq. qc kc mp obe mbe cbe".split())

# Words that qualify a role without naming a body ("Foreign minister", "Opposition leader",
# "Police chief"): ministerial portfolios and the usual modifiers of a title. Capitalised at
# the start of a sentence they are still part of the role, never its organisation.
ROLE_QUALIFIERS = frozenset(
    """
    foreign home interior defence defense health finance treasury trade justice education culture
    transport energy environment agriculture economy economic business industry labor employment
    housing security intelligence immigration opposition shadow party union team club police fire
    army navy military state federal national regional local city county chief senior junior deputy
    lead principal study co head
    acting interim former assistant associate general managing executive vice first second
    government public foreign-policy communications press media sports cabinet ranking fashion
    """.split()
)

COLLECTIVE_NOUNS = frozenset(
    """
    government ministry department agency company firm group party union council committee
    commission board court police army military administration office authority club team
    organisation organization association federation bank campaign charity coalition
    airline carrier retailer supermarket insurer reinsurer broker manufacturer carmaker developer publisher
    studio label network broadcaster website site service network institute university hospital
    school church regulator watchdog operator utility corporation conglomerate startup city county
    """.split()
)

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

# Nationality and regional adjectives -> the country or body they name
# ("Armenian Foreign Minister" -> org "Armenia").
DEMONYMS = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria", "american": "United States",
    "angolan": "Angola", "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia",
    "australian": "Australia", "austrian": "Austria", "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan",
    "bahraini": "Bahrain", "bangladeshi": "Bangladesh", "belarusian": "Belarus", "belgian": "Belgium",
    "bolivian": "Bolivia", "bosnian": "Bosnia and Herzegovina", "brazilian": "Brazil", "british": "United Kingdom",
    "bulgarian": "Bulgaria", "burmese": "Myanmar", "cambodian": "Cambodia", "cameroonian": "Cameroon",
    "canadian": "Canada", "chilean": "Chile", "chinese": "China", "colombian": "Colombia",
    "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus", "czech": "Czech Republic",
    "danish": "Denmark", "dutch": "Netherlands", "ecuadorian": "Ecuador", "egyptian": "Egypt",
    "emirati": "United Arab Emirates", "english": "England", "eritrean": "Eritrea", "estonian": "Estonia",
    "ethiopian": "Ethiopia", "european": "European Union", "filipino": "Philippines", "finnish": "Finland",
    "french": "France", "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana", "greek": "Greece",
    "guatemalan": "Guatemala", "haitian": "Haiti", "honduran": "Honduras", "hungarian": "Hungary",
    "icelandic": "Iceland", "indian": "India", "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq",
    "irish": "Ireland", "israeli": "Israel", "italian": "Italy", "ivorian": "Ivory Coast", "jamaican": "Jamaica",
    "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya", "korean": "Korea",
    "kosovan": "Kosovo", "kuwaiti": "Kuwait", "kyrgyz": "Kyrgyzstan", "latvian": "Latvia", "lebanese": "Lebanon",
    "liberian": "Liberia", "libyan": "Libya", "lithuanian": "Lithuania", "malaysian": "Malaysia",
    "malian": "Mali", "maltese": "Malta", "mexican": "Mexico", "moldovan": "Moldova", "mongolian": "Mongolia",
    "moroccan": "Morocco", "mozambican": "Mozambique", "namibian": "Namibia", "nepalese": "Nepal",
    "nepali": "Nepal", "nicaraguan": "Nicaragua", "nigerian": "Nigeria", "nigerien": "Niger",
    "norwegian": "Norway", "omani": "Oman", "pakistani": "Pakistan", "palestinian": "Palestine",
    "panamanian": "Panama", "paraguayan": "Paraguay", "peruvian": "Peru", "polish": "Poland",
    "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "rwandan": "Rwanda", "saudi": "Saudi Arabia", "scottish": "Scotland", "senegalese": "Senegal",
    "serbian": "Serbia", "singaporean": "Singapore", "slovak": "Slovakia", "slovenian": "Slovenia",
    "somali": "Somalia", "south african": "South Africa", "south korean": "South Korea",
    "north korean": "North Korea", "spanish": "Spain", "sri lankan": "Sri Lanka", "sudanese": "Sudan",
    "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan",
    "tajik": "Tajikistan", "tanzanian": "Tanzania", "thai": "Thailand", "tunisian": "Tunisia",
    "turkish": "Turkey", "turkmen": "Turkmenistan", "ugandan": "Uganda", "ukrainian": "Ukraine",
    "uruguayan": "Uruguay", "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
    "welsh": "Wales", "yemeni": "Yemen", "zambian": "Zambia", "zimbabwean": "Zimbabwe",
    "us": "United States", "u.s.": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "eu": "European Union", "un": "United Nations", "u.n.": "United Nations",
    "democratic": "Democratic Party", "republican": "Republican Party", "conservative": "Conservative Party",
    "labour": "Labour Party", "liberal democrat": "Liberal Democrats", "tory": "Conservative Party",
}

# The countries the demonyms name: a "NORP" entity spelling one is a place, not a people.
COUNTRIES = frozenset(v for v in DEMONYMS.values() if not v.endswith(("Party", "Democrats")))

# Party adjectives normalise to the party; used for "Labour MP", "Tory leader" and appositives.
PARTY_ORGS = {
    "labour": "Labour Party", "conservative": "Conservative Party", "tory": "Conservative Party",
    "tories": "Conservative Party", "lib dem": "Liberal Democrats", "liberal democrat": "Liberal Democrats",
    "democrat": "Democratic Party", "democratic": "Democratic Party", "republican": "Republican Party",
    "gop": "Republican Party", "snp": "Scottish National Party", "ukip": "UK Independence Party",
    "green": "Green Party", "plaid": "Plaid Cymru", "new democrat": "New Democratic Party", "ndp": "New Democratic Party",
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# US state and Canadian province abbreviations as news writes them ("Sacramento, Calif.", "(D-N.Y.)",
# "Toronto, Ont."), folded to lower case without full stops, and the place each names. A place, never a person.
STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "cal": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia",
    "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana",
    "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nebr": "Nebraska", "nev": "Nevada",
    "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "penn": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee", "tex": "Texas",
    "vt": "Vermont", "va": "Virginia", "wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin",
    "wisc": "Wisconsin", "wyo": "Wyoming", "dc": "District of Columbia",
    "alta": "Alberta", "bc": "British Columbia", "man": "Manitoba", "nb": "New Brunswick", "nfld": "Newfoundland",
    "ns": "Nova Scotia", "ont": "Ontario", "pei": "Prince Edward Island", "que": "Quebec", "sask": "Saskatchewan",
}
# Abbreviations that are also ordinary English words or names: a place only when written with their full stop.
STATE_ABBREVIATIONS_DOTTED_ONLY = frozenset("ala ark cal del ill ind kan man mass miss mo mont ore penn tex va wash wis la ga md pa".split())

# US states and Canadian provinces: like a country, one of them "says" only as its government.
STATES = frozenset(
    """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois
    Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
    Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin
    Wyoming Alberta Manitoba Ontario Quebec Saskatchewan Yukon Nunavut
    """.split()
) | frozenset(
    ("New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island",
     "South Carolina", "South Dakota", "West Virginia", "British Columbia", "New Brunswick", "Nova Scotia",
     "Prince Edward Island", "Newfoundland and Labrador", "Northwest Territories")
)

# Last words of sports clubs' names ("Manchester United", "Aston Villa", "Bolton Wanderers", "Paris Saint-Germain"
# aside): after a place or a word that is no given name, the name is a club's.
TEAM_WORDS = frozenset(
    """
    united city rovers wanderers athletic athletico albion hotspur villa rangers fc afc cf sc county town
    argyle orient forest palace wednesday academicals thistle hibernian
    """.split()
)
# First words of clubs' names ("Real Madrid", "Inter Milan", "Bayern Munich").
TEAM_PREFIXES = frozenset("real inter atletico athletic sporting olympique borussia dynamo dinamo lokomotiv spartak".split())

# Last words of newspapers' and broadcasters' names ("The Washington Post", "Daily Mail", "Fox News").
OUTLET_NAME_WORDS = frozenset(
    """
    times post mail herald tribune journal gazette telegraph chronicle guardian independent observer express
    mirror inquirer examiner courier dispatch sentinel globe bulletin news newsweek press today standard
    register enquirer magazine newspaper radio tv television broadcasting network sun star
    """.split()
)
# Words that open an outlet's name ("Daily Mail", "Sunday Times", "Evening Standard").
OUTLET_PREFIXES = frozenset("daily sunday evening weekly".split())
# News agencies and outlets known by one word: when the article names no person by it, it is the outlet.
NEWS_AGENCIES = frozenset(
    """
    reuters bloomberg afp ap upi dpa ansa efe xinhua tass ria interfax kyodo yonhap politico axios
    bbc cnn msnbc cnbc npr pbs abc nbc cbs itv rte skynews aljazeera buzzfeed vox slate salon ft politifact
    """.split()
)

# Particles that belong to the surname after them ("Bill de Blasio" -> "de Blasio", "bin Salman").
NAME_PARTICLES = frozenset("de del della der den di da das dos du van von ter ten zu bin ibn bint al el abu ben".split())

# Speech verbs a sentence may open with, the speaker after them ('Said the minister: "..."').
INVERTED_CUES = frozenset("said says".split())

# Fields and portfolios a title is "of" ("Head of Care", "Director of Health and Wellbeing"): not a body.
PORTFOLIO_NOUNS = frozenset(
    """
    care wellbeing well-being health healthcare communications communication operations marketing sales strategy
    research policy policies programmes programs development services science sciences medicine nursing surgery
    affairs relations resources planning engineering technology innovation safety standards compliance
    investment investments finance legal content studies learning curriculum admissions infrastructure
    enforcement prosecutions nutrition equality diversity inclusion sustainability climate education culture
    transport energy environment agriculture economy trade industry employment housing security intelligence
    immigration justice interior defence defense state exchequer welfare pensions tourism sport sports
    """.split()
)
