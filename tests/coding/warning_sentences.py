"""Sentences we wrote for the warning kinds: wire, local press, official statement and social
post styles; past, planned and hedged; several regions and names."""

from __future__ import annotations

SHOWN: dict[str, list[str]] = {
    "leader_attack": [
        "Gunmen tried to assassinate the son of the cleric's spokesman in Najaf on Tuesday.",
        "Gunmen shot dead the governor's son in Kandahar, police said.",
        "Unknown assailants opened fire on the convoy of Defence Minister Ali Hassan near"
        " Mogadishu, in what officials called an assassination attempt.",
        "The governor of Kandahar survived an assassination attempt when a bomb exploded"
        " beside his car.",
        "Armed men kidnapped an aide to the prime minister in Tripoli late on Sunday.",
        "The brother of opposition leader Joseph Mbeki was abducted outside his home in Goma,"
        " local media reported.",
        "A senior adviser to the president was shot and wounded in an attempt on his life in Juba.",
        "Police foiled a plot to assassinate the interior minister in Tunis, the ministry said"
        " in a statement.",
        "Militants plan to kidnap the mayor of Maiduguri, security sources warned.",
        "The mayor of Kharkiv was reportedly targeted in an assassination attempt, according to"
        " unconfirmed reports.",
        "A car bomb targeted the convoy of the head of the electoral commission in Kabul.",
        "BREAKING: gunmen stormed the house of MP Sarah Okello in Kampala and abducted her"
        " husband.",
        "Gunmen opened fire on the car of the son of a senior aide to the cleric in Najaf,"
        " wounding his driver, police said.",
        "Masked men opened fire at the home of the district governor in Peshawar overnight.",
        "Someone just opened fire on the provincial governor outside the mosque in Herat!!",
        "Unidentified attackers opened fire on a vehicle carrying the mayor of Culiacan, local"
        " outlets reported.",
    ],
    "border_crossing": [
        "Turkish armoured columns crossed the border into northern Syria on Saturday.",
        "Dozens of tanks entered Iraq through the Ibrahim Khalil border crossing, witnesses said.",
        "Russian troops moved into the city of Kherson early on Monday.",
        "The army deployed thousands of soldiers to the capital Khartoum ahead of the vote.",
        "Eritrean forces entered the town of Adigrat in Tigray, residents told local radio.",
        "A column of armoured vehicles rolled into Tripoli from the south overnight.",
        "Rwandan troops crossed into eastern Congo near Goma, a UN report said.",
        "Iranian forces will deploy along the border with Iraq next week, state media announced.",
        "Israeli tanks pushed into the southern Gaza city of Rafah.",
        "Reinforcements were sent into Aden as separatists advanced.",
        "Convoy of army trucks and tanks entering Mekelle right now, residents post online.",
    ],
    "foreign_figure_visit": [
        "Quds Force commander Qassem Soleimani arrived in Baghdad on Friday for talks with"
        " Shiite leaders.",
        "The head of Russia's Wagner group returned to Bamako, according to Malian officials.",
        "Hezbollah commander Abu Ali visited Damascus last week, sources said.",
        "CIA director William Burns travelled to Cairo to meet Egyptian intelligence chiefs.",
        "A senior Iranian general is reported to have returned to Baghdad.",
        "The commander of the Revolutionary Guards arrived in Beirut on an unannounced visit.",
        "Turkey's intelligence chief Hakan Fidan visited Tripoli on Monday and met militia"
        " leaders.",
        "US Central Command chief Michael Kurilla flew to Erbil to meet Kurdish commanders.",
        "Sources say Soleimani is back in Baghdad.",
        "The Russian defence minister arrived in Damascus for talks with Assad.",
        "Houthi military spokesman Yahya Saree will visit Tehran next month.",
    ],
    "evacuation": [
        "Kuwait told its citizens to leave Iraq immediately.",
        "The US State Department ordered the departure of non-emergency staff from its embassy"
        " in Baghdad.",
        "Britain advised its nationals to leave Lebanon while commercial flights are still"
        " available.",
        "Germany evacuated its embassy staff from Khartoum on Sunday.",
        "The French embassy in Niamey urged French citizens to leave the country.",
        "Canada will reduce its diplomatic staff in Kyiv, the foreign ministry said.",
        "Saudi Arabia called on its citizens to leave Lebanon at once.",
        "The United States ordered families of diplomats to leave Kinshasa.",
        "Bahrain urged its citizens in Iraq to leave immediately, state news agency BNA said.",
        "Japan withdrew its diplomats from Kabul and closed the embassy temporarily.",
        "Official: the ministry instructs all nationals to depart Haiti by commercial means.",
    ],
    "closure": [
        "Moqtada al-Sadr announced he will close his movement's institutions.",
        "The Twitter account of the cleric's unofficial spokesman posted a farewell message"
        " and went silent.",
        "The militia's Telegram channel went dark on Thursday after months of daily posts.",
        "The cleric's unofficial account signed off with a short farewell late on Monday.",
        "A popular opposition page has gone silent since the vote, activists said.",
        "Authorities closed the Rafah border crossing until further notice.",
        "The airport in Aden was shut down after the shelling.",
        "The government suspended the licence of the Al Jazeera office in Baghdad.",
        "Officials in Bamako shut the main border crossing with Niger.",
        "The cleric's unofficial Twitter account was closed on Monday.",
        "Iraq closed its airspace to all flights on Wednesday.",
        "Police sealed off the offices of the opposition newspaper in Harare.",
        "Authorities will close all schools in Peshawar for a week, officials said.",
        "Ethiopia blocked access to Facebook and closed several media outlets.",
        "The interior ministry suspended the activities of three NGOs in Addis Ababa.",
    ],
    "leader_absent": [
        "The militia leader has not been seen in public since the sanctions were announced.",
        "Kataib Hezbollah commander Abu Fadak has disappeared from public view.",
        "President Paul Biya has not appeared in public for six weeks, fuelling rumours about"
        " his health.",
        "The whereabouts of the Houthi leader remain unknown after the strikes.",
        "Supreme leader Ali Khamenei has been absent from public events for two weeks.",
        "The Wagner chief went into hiding after the mutiny.",
        "Sources say the militia commander has dropped out of sight.",
        "The defence minister has not been seen since the coup attempt, local press said.",
        "Hamas leader Yahya Sinwar vanished from public view after the strike.",
        "The rebel commander has made no public appearance since December.",
        "Opposition figures say the prime minister has gone into hiding in Kinshasa.",
    ],
    "strike_protest": [
        "Universities across Baghdad went on strike on Sunday ahead of larger protests.",
        "The teachers' union called for a general strike in Khartoum.",
        "Opposition leader Raila Odinga called for mass protests across Kenya.",
        "Doctors in Lagos began an indefinite strike over unpaid wages.",
        "The cleric urged his followers to take to the streets on Friday.",
        "Dock workers in Beirut walked off the job.",
        "Union leaders called a nationwide strike in Nigeria for next week.",
        "Activists called for a million-man march in Algiers.",
        "Truck drivers in Bogota staged a strike to protest fuel prices.",
        "The federation of trade unions said its members would strike on Monday in Colombo.",
        "Everyone to Tahrir on Friday! The movement calls for a general strike across Egypt.",
        "Shopkeepers in Gaza observed a commercial strike on Monday over the economic crisis.",
        "Municipal employees in Jerusalem began an open-ended strike against the layoffs.",
        "The teachers' strike in Nairobi entered its third week.",
    ],
    "contested_appointment": [
        "Protesters rejected the nomination of Mohammed Allawi as prime minister.",
        "Parliament named Ahmed Ali as the new prime minister, sparking anger among protesters.",
        "The opposition refused to recognise the appointment of the new army chief.",
        "President Kiir sacked the governor of Jonglei and appointed a loyalist.",
        "Demonstrators denounced the nomination of the new prime minister in Baghdad.",
        "The junta appointed a new prime minister in Niamey, angering the opposition.",
        "Opposition parties rejected the appointment of the new electoral commission chairman"
        " in Harare.",
        "The president dismissed the central bank governor and named his nephew to replace him.",
        "Rival factions disputed the election of the new speaker of parliament in Tripoli.",
        "The king appointed a new prime minister, a move the protest movement rejected.",
        "The prime minister ousted the army chief of staff on Thursday, the presidency said.",
    ],
    "sanction": [
        "The United States imposed sanctions on Kataib Hezbollah leader Abu Fadak.",
        "Washington designated the militia as a terrorist organization.",
        "The EU imposed sanctions on five Russian officials over the crackdown.",
        "Britain froze the assets of three Iranian commanders.",
        "The US Treasury sanctioned two Houthi officials on Tuesday.",
        "The State Department will designate the group as a foreign terrorist organisation,"
        " officials said.",
        "The UN Security Council imposed an arms embargo on South Sudan.",
        "Canada announced new sanctions against Myanmar's military leaders.",
        "The US blacklisted the Wagner Group's leaders in Mali.",
        "The EU may impose sanctions on Belarusian officials, diplomats said.",
        "Australia sanctioned the head of the Iranian militia.",
    ],
}

# Negated or denied: no event of the kind may stand as asserted.
NEGATED: dict[str, list[str]] = {
    "leader_attack": ["Gunmen did not kidnap the governor's aide, police said."],
    "border_crossing": [
        "Sudan denied that its troops had crossed the border into Chad.",
        "Turkish tanks did not enter Syria on Sunday.",
    ],
    "foreign_figure_visit": ["The Quds Force commander did not visit Baghdad last week."],
    "evacuation": ["Kuwait did not tell its citizens to leave Iraq."],
    "closure": ["Authorities did not close the Rafah border crossing."],
    "strike_protest": ["The teachers' union did not call for a general strike."],
    "sanction": ["The United States did not impose sanctions on the militia leader."],
}

# The same report, plain and hedged: the hedged event is less certain.
HEDGED: list[tuple[str, str, str]] = [
    (
        "border_crossing",
        "Russian troops moved into the city of Kherson on Monday.",
        "Russian troops reportedly moved into the city of Kherson on Monday.",
    ),
    (
        "foreign_figure_visit",
        "The commander of the Revolutionary Guards arrived in Beirut.",
        "The commander of the Revolutionary Guards may have arrived in Beirut, sources said.",
    ),
    (
        "leader_absent",
        "The Wagner chief went into hiding after the mutiny.",
        "The Wagner chief allegedly went into hiding after the mutiny.",
    ),
    (
        "closure",
        "Authorities closed the Rafah border crossing.",
        "Authorities reportedly closed the Rafah border crossing, according to local sources.",
    ),
    (
        "sanction",
        "The EU imposed sanctions on Belarusian officials.",
        "The EU may impose sanctions on Belarusian officials, diplomats said.",
    ),
]

# Look like the kinds, are not: no event may carry a warning kind.
NOT_SHOWN: list[str] = [
    "The minister opened a new school in Nairobi.",
    # a security word below the subject is no figure arriving
    "Three mortar shells launched by militants landed near the quarries of Sharwain.",
    "Rockets fired by rebel fighters landed in a field outside Goma, police said.",
    "Shells fired from positions held by the general's troops landed on the market in Taiz.",
    "Medics worked to evacuate the wounded after the strike.",
    "The president met the French ambassador in Dakar.",
    "The shop closed early on Friday.",
    "The company appointed a new chief executive.",
    "Workers struck a deal with management.",
    "The team crossed the finish line in Doha.",
    "Thousands protested in Tehran against the government.",
    "The EU lifted sanctions on Belarusian potash exports.",
    "Tourists returned to Petra after the storm.",
    "The foreign minister visited a refugee camp in Jordan.",
    "Air strikes hit a weapons depot near Hodeidah.",
    "More strikes were launched on the port district that night.",
    "A suspected drone strike killed four people near Marib, residents said.",
    "Warplanes carried out fresh air strikes on rebel positions overnight.",
    "The army began artillery strikes on the outskirts of the town.",
    "Warplanes bombed the village, killing a farmer and his daughter.",
    "Gunmen shot a shepherd and his son in the hills outside Kirkuk.",
    "Police opened fire on protesters outside the governor's office in Basra.",
    "The minister opened a new fire station in Mombasa.",
    "The room went silent when the minister spoke in Accra.",
    "The governor's speech went viral on social media.",
]
