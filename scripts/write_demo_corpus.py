"""Write the bundled demo corpus: invented South Caucasus news reports, August-September 2026.

Every sentence here is written by the watchfloor authors; outlets, officials, militias and
events are fiction. Places are real (they are in GeoNames) so geolocation can be shown.

The routine part comes from templates filled by a seeded random generator; the syndicated
near-copies and the 24-hour burst in Syunik province (14-15 September) are written by hand.
Run: ``python scripts/write_demo_corpus.py`` (rewrites ``watchfloor/demo/corpus.jsonl``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED = 20260801
START = dt.date(2026, 8, 1)
DAYS = 61  # 1 August .. 30 September
OUT = Path(__file__).resolve().parents[1] / "watchfloor" / "demo" / "corpus.jsonl"

OUTLETS = {
    "Caspian Ledger": "caspianledger.example",
    "Kura Valley Times": "kuravalleytimes.example",
    "Ararat Wire": "araratwire.example",
    "Tbilisi Evening Courier": "eveningcourier.example",
    "South Caucasus Monitor": "scmonitor.example",
    "Highland Dispatch": "highlanddispatch.example",
    "Black Sea Bulletin": "blackseabulletin.example",
}


@dataclass(frozen=True)
class Place:
    town: str
    province: str
    country: str  # adjective used in copy, e.g. "Armenian"
    nation: str  # country name, e.g. "Armenia"


PLACES = [
    Place("Yerevan", "Yerevan", "Armenian", "Armenia"),
    Place("Gyumri", "Shirak", "Armenian", "Armenia"),
    Place("Vanadzor", "Lori", "Armenian", "Armenia"),
    Place("Ijevan", "Tavush", "Armenian", "Armenia"),
    Place("Dilijan", "Tavush", "Armenian", "Armenia"),
    Place("Kapan", "Syunik", "Armenian", "Armenia"),
    Place("Goris", "Syunik", "Armenian", "Armenia"),
    Place("Sevan", "Gegharkunik", "Armenian", "Armenia"),
    Place("Baku", "Baku", "Azerbaijani", "Azerbaijan"),
    Place("Ganja", "Ganja", "Azerbaijani", "Azerbaijan"),
    Place("Gazakh", "Gazakh", "Azerbaijani", "Azerbaijan"),
    Place("Sheki", "Shaki", "Azerbaijani", "Azerbaijan"),
    Place("Lankaran", "Lankaran", "Azerbaijani", "Azerbaijan"),
    Place("Mingachevir", "Mingachevir", "Azerbaijani", "Azerbaijan"),
    Place("Tbilisi", "Tbilisi", "Georgian", "Georgia"),
    Place("Batumi", "Adjara", "Georgian", "Georgia"),
    Place("Kutaisi", "Imereti", "Georgian", "Georgia"),
    Place("Gori", "Shida Kartli", "Georgian", "Georgia"),
    Place("Rustavi", "Kvemo Kartli", "Georgian", "Georgia"),
    Place("Zugdidi", "Samegrelo-Zemo Svaneti", "Georgian", "Georgia"),
    Place("Telavi", "Kakheti", "Georgian", "Georgia"),
]
BORDER = {"Ijevan", "Kapan", "Goris", "Gazakh"}

OFFICIALS = {
    "Armenia": [
        "Deputy Foreign Minister Levon Aghasaryan",
        "Economy Minister Ani Tadevosyan",
        "Interior Ministry spokesman Karen Baghdasarov",
        "Defence Ministry spokeswoman Lilit Harutyunova",
    ],
    "Azerbaijan": [
        "Foreign Ministry spokesman Rauf Mammadli",
        "Deputy Economy Minister Elchin Gasimzade",
        "Defence Ministry spokesman Colonel Anar Rustamli",
        "Interior Ministry spokeswoman Sevda Aliquliyeva",
    ],
    "Georgia": [
        "Deputy Prime Minister Nino Kapanadze",
        "Foreign Ministry spokesman Giorgi Tsereteli-Abashidze",
        "Interior Minister Levan Beridzishvili",
        "Economy Minister Tamar Gogiberidze",
    ],
}
PARTIES = {
    "Armenia": "the opposition Homeland Renewal Party",
    "Azerbaijan": "the opposition Free Republic Front",
    "Georgia": "the opposition Georgian Civic Movement",
}
INTERIOR = {
    "Armenia": "Interior Ministry spokesman Karen Baghdasarov",
    "Azerbaijan": "Interior Ministry spokeswoman Sevda Aliquliyeva",
    "Georgia": "Interior Minister Levan Beridzishvili",
}
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ARMIES = {"Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Georgia": "Georgian"}
PARTNERS = ["Iran", "Turkey", "Kazakhstan", "the European Union", "India", "Ukraine", "Greece"]
GOODS = ["grain", "fuel", "medicine", "winter clothing", "blankets", "baby food"]
TOPICS = [
    "rail transit",
    "electricity exports",
    "customs procedures",
    "road repairs",
    "water sharing on the Kura river",
    "a new gas link",
]
COURTS = [
    "a former deputy mayor",
    "two customs officers",
    "a regional police chief",
    "three members of a municipal council",
    "a former tax official",
]
GRIEVANCES = [
    "rising bread prices",
    "unpaid wages at a mining company",
    "power cuts",
    "the closure of a local hospital",
    "a planned increase in bus fares",
    "water shortages",
]


def relative_day(event_day: dt.date, published: dt.date, rng: random.Random) -> str:
    """Wire-copy day reference: 'on Tuesday', 'late on Monday', 'earlier on Friday'."""
    name = event_day.strftime("%A")
    if event_day == published:
        return rng.choice([f"on {name}", f"earlier on {name}"])
    return rng.choice([f"on {name}", f"late on {name}"])


def pick_official(nation: str, rng: random.Random) -> str:
    return rng.choice(OFFICIALS[nation])


def routine_meeting(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    other = rng.choice([n for n in OFFICIALS if n != p.nation])
    a, b = pick_official(p.nation, rng), pick_official(other, rng)
    topic = rng.choice(TOPICS)
    title = f"{p.country} and {ARMIES[other]} officials meet in {p.town} on {topic}"
    text = (
        f"{a} met {b} in {p.town} {when} to discuss {topic}. "
        f"The two sides agreed to set up a joint working group, according to a statement "
        f"from {p.nation}'s government. "
        f"{rng.choice(['No date was set for a further round.', 'Both delegations described the talks as constructive.'])}"  # noqa: E501
    )
    return title, text


def routine_trade(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    partner = rng.choice(PARTNERS)
    official = pick_official(p.nation, rng)
    pct = rng.randint(3, 19)
    title = f"{p.nation} and {partner} hold trade talks in {p.town}"
    text = (
        f"Trade delegations from {p.nation} and {partner} held talks in {p.town} {when}. "
        f"{official} said both governments aimed to raise bilateral trade by {pct} percent "
        f"next year. The talks covered {rng.choice(TOPICS)} and tariffs on {rng.choice(GOODS)}."
    )
    return title, text


def routine_statement(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    official = pick_official(p.nation, rng)
    subject = rng.choice(TOPICS)
    title = f"{p.nation} pledges progress on {subject}"
    text = (
        f"{official} said {when} that the government of {p.nation} would present a plan on "
        f"{subject} before the end of the year. "
        f"Speaking to reporters in {p.town}, in {p.province} province, the official said "
        f"talks with neighbouring states were continuing."
    )
    return title, text


def routine_visit(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    partner = rng.choice(PARTNERS)
    title = f"{partner} delegation visits {p.town}"
    text = (
        f"A delegation from {partner} visited {p.town}, in {p.province} province, {when}. "
        f"The visitors met local officials and toured a {rng.choice(['school', 'hospital', 'power station', 'border crossing'])} "  # noqa: E501
        f"built with foreign funds. {pick_official(p.nation, rng)} welcomed the visit."
    )
    return title, text


def routine_protest(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    crowd = rng.choice(["About 200", "Several hundred", "Around 80", "Dozens of"])
    grievance = rng.choice(GRIEVANCES)
    title = f"Protesters rally in {p.town} over {grievance}"
    text = (
        f"{crowd} people protested in {p.town} {when} over {grievance}. "
        f"The rally was organised by {PARTIES[p.nation]}. "
        f"{rng.choice(['Police watched the crowd and no arrests were reported.', 'The protesters dispersed peacefully after two hours.'])}"  # noqa: E501
    )
    return title, text


def routine_arrest(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    n = NUMBERS[rng.randint(2, 7)]
    title = f"Police detain {n} in {p.town} smuggling inquiry"
    text = (
        f"{p.country} police arrested {n} people in {p.town} {when} on suspicion of smuggling "
        f"{rng.choice(GOODS)}, the interior ministry said. "
        f"{INTERIOR[p.nation]} said the suspects had been held for questioning."
    )
    return title, text


def routine_court(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    who = rng.choice(COURTS)
    years = NUMBERS[rng.randint(2, 9)]
    title = f"Court in {p.town} jails {who}"
    text = (
        f"A court in {p.town} sentenced {who} to {years} years in prison for bribery {when}. "
        f"Prosecutors had asked for a longer term. Lawyers for the defence said they would "
        f"appeal the ruling."
    )
    return title, text


def routine_aid(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    tons = rng.randint(12, 90)
    goods = rng.choice(GOODS)
    society = "Red Crescent" if p.nation == "Azerbaijan" else "Red Cross"
    title = f"Aid convoy reaches {p.town}"
    text = (
        f"A convoy carrying {tons} tonnes of {goods} arrived in {p.town}, in {p.province} "
        f"province, {when}. The aid was delivered by the {p.country} {society} society and "
        f"will be handed to displaced families, officials said."
    )
    return title, text


def routine_skirmish(p: Place, when: str, rng: random.Random) -> tuple[str, str]:
    rival = "Azerbaijani" if p.nation == "Armenia" else "Armenian"
    rival_nation = "Azerbaijan" if p.nation == "Armenia" else "Armenia"
    wounded = rng.randint(1, 3)
    title = f"Shots exchanged on border near {p.town}"
    text = (
        f"{p.country} and {rival} troops exchanged fire near {p.town} {when}, wounding "
        f"{NUMBERS[wounded]} soldier{'s' if wounded > 1 else ''}, "
        f"{p.nation}'s defence ministry said. "
        f"{rival_nation}'s defence ministry said its forces did not attack and had only "
        f"returned fire. Residents reported that the shooting lasted about twenty minutes."
    )
    return title, text


ROUTINE = [
    routine_meeting,
    routine_trade,
    routine_statement,
    routine_visit,
    routine_protest,
    routine_arrest,
    routine_court,
    routine_aid,
]


@dataclass(frozen=True)
class Report:
    published: dt.datetime
    source: str
    title: str
    text: str


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def shingles(text: str) -> set[tuple[str, ...]]:
    """Lower-cased word 3-shingles, as the ingest near-duplicate detector sees a text."""
    words = text.lower().split()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def too_close(text: str, seen: list[set[tuple[str, ...]]], limit: float = 0.55) -> bool:
    """True when ``text`` reads like a copy of an earlier routine report."""
    mine = shingles(text)
    return any(len(mine & other) / len(mine | other) > limit for other in seen)


def routine_reports(rng: random.Random) -> list[Report]:
    """Three to four background reports a day, with Syunik towns every other day.

    A draw that would read like a copy of an earlier report is drawn again: only the
    hand-written syndicated stories should look like near-duplicates.
    """
    reports: list[Report] = []
    seen: list[set[tuple[str, ...]]] = []
    for offset in range(DAYS):
        day = START + dt.timedelta(days=offset)
        chosen = [
            rng.choice([p for p in PLACES if p.nation == n])
            for n in ("Armenia", "Azerbaijan", "Georgia")
        ]
        if offset % 2 == 0:
            chosen.append(PLACES[5] if offset % 4 == 0 else PLACES[6])  # Kapan / Goris
        for place in chosen:
            for _attempt in range(50):
                when_day = day - dt.timedelta(days=rng.choice([0, 1]))
                when = relative_day(when_day, day, rng)
                make = (
                    routine_skirmish
                    if place.town in BORDER and rng.random() < 0.15
                    else rng.choice(ROUTINE)
                )
                title, text = make(place, when, rng)
                if not too_close(text, seen):
                    break
            seen.append(shingles(text))
            hour, minute = rng.randint(6, 21), rng.choice([0, 10, 25, 40, 55])
            published = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)
            reports.append(Report(published, rng.choice(list(OUTLETS)), title, text))
    return reports


def _at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+00:00")


# fmt: off
# Syndicated stories: (day, time, [(outlet, title, text), ...]) with small edits per outlet.
NEAR_COPIES: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("2026-08-06", "09:30", [
        ("Caspian Ledger", "Georgia and Azerbaijan sign rail transit accord",
         "Georgia and Azerbaijan signed an agreement on rail transit in Tbilisi on Wednesday. "
         "Deputy Prime Minister Nino Kapanadze said the accord would cut freight times across "
         "the border by a third. Foreign Ministry spokesman Rauf Mammadli called the deal a "
         "step towards closer cooperation."),
        ("Kura Valley Times", "Tbilisi and Baku agree rail transit deal",
         "Georgia and Azerbaijan signed an agreement on rail transit in Tbilisi on Wednesday. "
         "Deputy Prime Minister Nino Kapanadze said the accord would cut freight times across "
         "the border by a third. Foreign Ministry spokesman Rauf Mammadli called the deal a "
         "step towards closer cooperation. The first trains under the accord are due in "
         "November."),
        ("Black Sea Bulletin", "Rail accord signed by Georgia and Azerbaijan",
         "Georgia and Azerbaijan signed a rail transit agreement in Tbilisi on Wednesday. "
         "Deputy Prime Minister Nino Kapanadze said the accord would cut freight times across "
         "the border by a third. Foreign Ministry spokesman Rauf Mammadli called the deal a "
         "step towards closer cooperation."),
    ]),
    ("2026-08-13", "14:10", [
        ("Ararat Wire", "Police disperse Gyumri protest over power cuts",
         "Police in Gyumri, in Shirak province, used pepper spray to disperse about 300 "
         "protesters on Thursday. The crowd had blocked a main road to protest against power "
         "cuts. Five people were detained, the Armenian interior ministry said."),
        ("Highland Dispatch", "Gyumri power-cut protest broken up by police",
         "Police in Gyumri, in Shirak province, used pepper spray to disperse about 300 "
         "protesters on Thursday. The crowd had blocked a main road to protest against power "
         "cuts. Five people were detained, the Armenian interior ministry said. Organisers "
         "from the opposition Homeland Renewal Party promised further rallies."),
    ]),
    ("2026-08-20", "07:45", [
        ("South Caucasus Monitor", "Two Azerbaijani soldiers wounded near Gazakh",
         "Two Azerbaijani soldiers were wounded by sniper fire near Gazakh late on Wednesday, "
         "Azerbaijan's defence ministry said. The ministry blamed Armenian forces. Armenia's "
         "defence ministry said its troops did not open fire."),
        ("Caspian Ledger", "Azerbaijan says sniper fire wounded two soldiers near Gazakh",
         "Two Azerbaijani soldiers were wounded by sniper fire near Gazakh late on Wednesday, "
         "Azerbaijan's defence ministry said. The ministry blamed Armenian forces for the "
         "shooting. Armenia's defence ministry said its troops did not open fire."),
        ("Ararat Wire", "Yerevan denies firing on Azerbaijani posts near Gazakh",
         "Two Azerbaijani soldiers were wounded by sniper fire near Gazakh late on Wednesday, "
         "Azerbaijan's defence ministry said. The ministry blamed Armenian forces. Armenia's "
         "defence ministry said its troops did not open fire and called the claim a "
         "provocation."),
    ]),
    ("2026-08-27", "11:20", [
        ("Tbilisi Evening Courier", "Court in Kutaisi jails former mayor for bribery",
         "A court in Kutaisi sentenced a former mayor of the city to seven years in prison for "
         "bribery on Thursday. Prosecutors said he took payments for building permits. His "
         "lawyers said they would appeal."),
        ("Black Sea Bulletin", "Former Kutaisi mayor gets seven years for bribery",
         "A court in Kutaisi sentenced a former mayor of the city to seven years in prison for "
         "bribery on Thursday. Prosecutors said he had taken payments for building permits. "
         "His lawyers said they would appeal the verdict."),
    ]),
    ("2026-09-03", "16:05", [
        ("Kura Valley Times", "Aid convoy for displaced families reaches Kapan",
         "A convoy of twelve trucks carrying food and medicine reached Kapan, in Syunik "
         "province, on Thursday. The aid was sent by the European Union for families displaced "
         "by border shelling. Syunik governor Narek Hovakimyan thanked the donors."),
        ("Highland Dispatch", "EU aid trucks arrive in Kapan",
         "A convoy of twelve trucks carrying food and medicine reached Kapan, in Syunik "
         "province, on Thursday. The aid was sent by the European Union for families displaced "
         "by border shelling. Syunik governor Narek Hovakimyan thanked the donors and said more "
         "help was needed before winter."),
        ("Ararat Wire", "Twelve aid trucks reach Kapan",
         "A convoy of twelve trucks carrying food and medicine reached Kapan, in Syunik "
         "province, on Thursday. The aid was sent by the European Union for families displaced "
         "by shelling on the border. Syunik governor Narek Hovakimyan thanked the donors."),
    ]),
    ("2026-09-09", "10:00", [
        ("Caspian Ledger", "Azerbaijan threatens response over drone flights",
         "Azerbaijan's defence ministry threatened on Wednesday to strike any drone that "
         "crosses into its airspace from Armenia. Defence Ministry spokesman Colonel Anar "
         "Rustamli said three drones had been seen near Gazakh this week. Armenia's defence "
         "ministry denied flying drones over the border."),
        ("South Caucasus Monitor", "Baku warns it will shoot down drones from Armenia",
         "Azerbaijan's defence ministry threatened on Wednesday to strike any drone that "
         "crosses into its airspace from Armenia. Defence Ministry spokesman Colonel Anar "
         "Rustamli said three drones had been seen near Gazakh this week. Armenia's defence "
         "ministry denied flying any drones over the border."),
    ]),
]

# The burst: Syunik province, 14 September 06:00 to 15 September 05:00 UTC.
BURST: list[tuple[str, str, str, str, str]] = [
    ("2026-09-14", "06:20", "Ararat Wire",
     "Gunmen wound militia commander's aide in Kapan",
     "Gunmen opened fire on the car of Tigran Avetisov, an aide to the commander of the "
     "Syunik Self-Defence Committee militia, in Kapan late on Sunday, wounding him and his "
     "driver. The attackers fled towards the hills, according to residents. The militia "
     "blamed Azerbaijani saboteurs. Azerbaijan's foreign ministry said it had no part in the "
     "attack."),
    ("2026-09-14", "07:05", "Highland Dispatch",
     "Aide to Syunik militia leader survives assassination attempt",
     "An aide to the leader of the Syunik Self-Defence Committee survived an assassination "
     "attempt in the town of Kapan, in Syunik province, late on Sunday. Tigran Avetisov was "
     "taken to hospital with gunshot wounds, the Armenian interior ministry said. Police "
     "sealed off the centre of the town."),
    ("2026-09-14", "08:40", "South Caucasus Monitor",
     "Syunik bishop closes diocese offices in Goris",
     "Bishop Mesrop Karapetyan, head of the Syunik diocese, closed the diocese's offices in "
     "Goris on Monday and told clergy to move their families to Yerevan. He said he feared "
     "for their safety. The bishop did not say when the offices would reopen."),
    ("2026-09-14", "10:15", "Caspian Ledger",
     "Armoured columns reportedly cross border near Goris",
     "Azerbaijani armoured columns crossed the border near Goris, in Syunik province, early "
     "on Monday, according to residents and local officials. Syunik governor Narek "
     "Hovakimyan said at least forty armoured vehicles had been seen on the road. "
     "Azerbaijan's defence ministry said its troops did not cross the border and were on "
     "exercises."),
    ("2026-09-14", "10:50", "Kura Valley Times",
     "Residents report tanks on the road outside Goris",
     "Residents of villages outside Goris said tanks and armoured vehicles crossed from "
     "Azerbaijan on Monday morning. Armenia's defence ministry said it was checking the "
     "reports. Defence Ministry spokesman Colonel Anar Rustamli said Azerbaijani units had "
     "not left Azerbaijani territory."),
    ("2026-09-14", "12:30", "Ararat Wire",
     "Armenia mobilises reservists in Syunik",
     "Armenia's defence ministry ordered the mobilisation of reservists in Syunik province on "
     "Monday. Defence Ministry spokeswoman Lilit Harutyunova said troops were moving to "
     "positions around Kapan and Goris. Buses carrying reservists were seen leaving Yerevan "
     "for the south."),
    ("2026-09-14", "13:45", "Highland Dispatch",
     "Senior general reportedly arrives in Goris",
     "Lieutenant General Vahram Ohanov, deputy chief of the Armenian general staff, "
     "reportedly arrived in Goris on Monday to take command of troops in Syunik province. "
     "The defence ministry did not confirm his arrival. Residents said military helicopters "
     "landed near the town in the afternoon."),
    ("2026-09-14", "15:10", "Tbilisi Evening Courier",
     "Georgia tells its citizens to leave Syunik province",
     "Georgia's foreign ministry urged Georgian citizens to leave Syunik province in Armenia "
     "immediately on Monday. Foreign Ministry spokesman Giorgi Tsereteli-Abashidze said the "
     "security situation around Kapan and Goris had deteriorated sharply. Georgia also "
     "advised against all travel to southern Armenia."),
    ("2026-09-14", "16:25", "Black Sea Bulletin",
     "Tbilisi urges Georgians to quit southern Armenia",
     "The Georgian government told its citizens on Monday to leave Syunik province without "
     "delay. Officials in Tbilisi said buses would be sent to Kapan to collect Georgian "
     "nationals. The Georgian foreign ministry set up a hotline for families."),
    ("2026-09-14", "17:40", "Caspian Ledger",
     "Kapan airport closed to all flights",
     "Armenia's civil aviation committee closed Kapan airport to all flights on Monday, "
     "citing the security situation in Syunik province. Two scheduled flights from Yerevan "
     "were cancelled. The committee said the closure would last at least three days."),
    ("2026-09-14", "19:55", "South Caucasus Monitor",
     "Bomb at Kapan bus station kills at least four",
     "A bomb exploded at the bus station in Kapan, in Syunik province, on Monday evening, "
     "killing at least four people and wounding eleven, the Armenian interior ministry said. "
     "No group claimed responsibility. Armenia's defence ministry threatened to strike back "
     "at whoever was behind the attack."),
    ("2026-09-14", "21:05", "Ararat Wire",
     "Four dead in Kapan bus station blast",
     "At least four people were killed and eleven wounded when a bomb went off at the bus "
     "station in Kapan on Monday evening, according to the Armenian interior ministry. "
     "Interior Ministry spokesman Karen Baghdasarov said the device had been hidden in a "
     "parked car. Ambulances from Goris were sent to help."),
    ("2026-09-14", "23:30", "Kura Valley Times",
     "Iran evacuates consulate staff from Kapan",
     "Iran evacuated staff from its consulate in Kapan late on Monday, according to residents "
     "who saw a convoy of diplomatic cars leave the town. The consulate's gate was locked "
     "and its flag lowered. Iran's foreign ministry said the move was temporary."),
    ("2026-09-15", "04:15", "Highland Dispatch",
     "Diplomats leave Kapan as tension rises",
     "Diplomatic staff left the Iranian consulate in Kapan overnight, residents said on "
     "Tuesday. The evacuation came hours after a bomb killed at least four people at the "
     "town's bus station. Armenia's foreign ministry called on all sides to avoid escalation."),
]

# Background every carrier of a syndicated story keeps (wire copy is edited at the top and
# the bottom, rarely in the middle), inserted after each copy's first sentence.
SHARED_BACKGROUND: dict[str, str] = {
    "2026-08-06": "Freight on the line has grown every year since the route reopened, and both "
                  "governments want it to carry more grain and fuel to the Black Sea ports. "
                  "Officials said customs checks would move to a single joint post.",
    "2026-08-13": "Residents of Gyumri have complained for weeks about outages lasting up to ten "
                  "hours a day. The electricity network operator blamed damaged lines and said "
                  "repairs would take until October.",
    "2026-08-20": "The two armies have exchanged accusations of sniper fire along this stretch "
                  "of the border several times this summer. Villagers on both sides say farmers "
                  "have stopped working fields close to the line.",
    "2026-08-27": "The case was opened two years ago after an audit of municipal building "
                  "contracts. Three other former officials of the city hall are still awaiting "
                  "trial on related charges.",
    "2026-09-03": "About 1,500 people have left border villages in Syunik since the spring, most "
                  "of them staying with relatives in Kapan and Goris. Local officials say "
                  "schools and clinics in the town are struggling to cope.",
    "2026-09-09": "Drone sightings along the border have become more frequent since August, "
                  "according to local officials on both sides. Neither government has published "
                  "images of the aircraft.",
}

# fmt: on


def with_background(day: str, text: str) -> str:
    """Insert the story's shared background after the first sentence of one copy."""
    first, rest = text.split(". ", 1)
    return f"{first}. {SHARED_BACKGROUND[day]} {rest}"


def handwritten_reports() -> list[Report]:
    # Syndicated copies appear over a few hours, not all at once.
    reports = [
        Report(
            _at(day, time) + dt.timedelta(minutes=47 * i), outlet, title, with_background(day, text)
        )
        for day, time, copies in NEAR_COPIES
        for i, (outlet, title, text) in enumerate(copies)
    ]
    reports += [Report(_at(d, t), src, title, text) for d, t, src, title, text in BURST]
    return reports


def build() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    reports = sorted(
        routine_reports(rng) + handwritten_reports(), key=lambda r: (r.published, r.source, r.title)
    )
    rows = []
    for n, r in enumerate(reports, start=1):
        doc_id = f"wf-demo-{n:04d}"
        rows.append(
            {
                "id": doc_id,
                "url": f"https://{OUTLETS[r.source]}/{r.published:%Y/%m/%d}/{slug(r.title)}-{n:04d}",
                "title": r.title,
                "text": r.text,
                "published": r.published.isoformat(),
                "source": r.source,
                "language": "en",
            }
        )
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} reports to {OUT}")


if __name__ == "__main__":
    main()
