"""Speaker attribution over documents written for the tests (our own sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.analysis.actors import Actor, ActorDictionary, Title
from tracker.analysis.attribution.attribute import attribute
from tracker.analysis.dyads import assign_dyads
from tracker.models import NARRATOR

ACTORS = ActorDictionary.default()
AUGUST_2016 = dt.date(2016, 8, 10)
APRIL_2016 = dt.date(2016, 4, 10)

# (name, statements of one document, index of the statement checked, speaker, side, span text)
CASES = [
    ("X said", ["Ties with Ankara are mending, Peskov said."], 0,
     "Dmitry Peskov", "Russia", "Peskov said"),
    ("said X", ["“The ban will go,” said Putin."], 0, "Vladimir Putin", "Russia", "said Putin"),
    ("said long descriptor", ["“We are ready,” said Kremlin spokesman Dmitry Peskov."], 0,
     "Dmitry Peskov", "Russia", "said Kremlin spokesman Dmitry Peskov"),
    ("X says headline", ["Erdogan says Turkey wants Russian tourists back"], 0,
     "Recep Tayyip Erdogan", "Turkey", "Erdogan says"),
    ("X tells Y headline", ["Moscow backs Ankara, Putin tells Erdogan"], 0,
     "Vladimir Putin", "Russia", "Putin tells"),
    ("X told reporters", ["Lavrov told reporters the talks in Sochi had gone well."], 0,
     "Sergei Lavrov", "Russia", "Lavrov told"),
    ("X told Y: listener is not speaker", ["Erdogan told Putin that Turkey regretted the loss."],
     0, "Recep Tayyip Erdogan", "Turkey", "Erdogan told"),
    ("according to X", ["According to the Kremlin, the two leaders spoke for an hour."], 0,
     "Kremlin", "Russia", "According to the Kremlin"),
    ("X colon quote", ["Cavusoglu: “Our ties with Moscow are back on track.”"], 0,
     "Mevlut Cavusoglu", "Turkey", "Cavusoglu: "),
    ("dateline colon is not a speaker", ["Ankara: Turkish jets struck targets near the border."],
     0, NARRATOR, None, None),
    ("X, who ..., said", ["Deputy Prime Minister Mehmet Simsek, who led the delegation, said the "
     "visit would revive trade."], 0, "Mehmet Simsek", "Turkey",
     "Deputy Prime Minister Mehmet Simsek, who led the delegation, said"),
    ("X, the title, said", ["Lavrov, the Russian foreign minister, said Moscow was open to talks."],
     0, "Sergei Lavrov", "Russia", "Lavrov, the Russian foreign minister, said"),
    ("descriptor, Name, said", ["Russia’s envoy in Ankara, Andrei Karlov, said trade would "
     "recover."], 0, "Andrei Karlov", "Russia", "Russia’s envoy in Ankara, Andrei Karlov, said"),
    ("said in an interview", ["Yildirim said in an interview that Turkey wanted more friends."], 0,
     "Binali Yildirim", "Turkey", "Yildirim said"),
    ("auxiliary and adverb", ["Russian President Vladimir Putin has also repeatedly said the "
     "ban would stay."], 0, "Vladimir Putin", "Russia",
     "Russian President Vladimir Putin has also repeatedly said"),
    ("title by date", ["The Russian president also said the visit was a sign of normal ties."], 0,
     "Vladimir Putin", "Russia", "The Russian president also said"),
    ("dated title, after May 2016", ["The Turkish prime minister said Ankara would not apologise."],
     0, "Binali Yildirim", "Turkey", "The Turkish prime minister said"),
    ("weaker verb for a named person", ["Zeybekci stressed that exporters needed the Russian "
     "market."], 0, "Nihat Zeybekci", "Turkey", "Zeybekci stressed"),
    ("accused", ["A Kremlin aide accused Ankara of shielding militants."], 0, "A Kremlin aide",
     "Russia", "A Kremlin aide accused"),
    ("reported speech and said", ["Putin backed the elected government and said he opposed any "
     "coup."], 0, "Vladimir Putin", "Russia", "Putin backed the elected government and said"),
    ("participle saying", ["Erdogan thanked Moscow for its support, saying Turkey would not "
     "forget it."], 0, "Recep Tayyip Erdogan", "Turkey", "Erdogan thanked"),
    ("participle contending", ["Zeybekci refused to back down, contending that exporters "
     "had been treated unfairly."], 0, "Nihat Zeybekci", "Turkey",
     "Zeybekci refused to back down, contending"),
    ("passive quoted as saying", ["Peskov was quoted as saying the letter had arrived."], 0,
     "Dmitry Peskov", "Russia", "Peskov was quoted as saying"),
    ("unknown speaker side", ["The sanctions were a mistake, a Russian diplomat said."], 0,
     "a Russian diplomat", "Russia", "a Russian diplomat said"),
    ("unknown US official", ["A senior US official told reporters Washington was concerned."], 0,
     "A senior US official", "West", "A senior US official told"),
    ("analyst at think tank", ["Analyst Oleg Ivanov at the Carnegie Moscow Center said the "
     "thaw was pragmatic."], 0, "Oleg Ivanov", "other",
     "Analyst Oleg Ivanov at the Carnegie Moscow Center said"),
    ("analyst by appositive", ["The thaw is pragmatic, Oleg Ivanov, a senior fellow at a Moscow "
     "institute, said."], 0, "Oleg Ivanov", "other",
     "Oleg Ivanov, a senior fellow at a Moscow institute, said"),
    ("narrator", ["Russia lifted its ban on charter flights to Turkey on Thursday."], 0,
     NARRATOR, None, None),
    ("verb inside quotes ignored", ["“Putin said we are friends” was the headline of the day."], 0,
     NARRATOR, None, None),
    ("scene-setting clause", ["After Erdogan said he regretted the loss, Moscow eased the bans."],
     0, NARRATOR, None, None),
    ("is said to", ["Erdogan is said to have written the letter himself."], 0, NARRATOR, None,
     None),
    ("phone call is not words", ["Obama called Erdogan on Saturday."], 0, NARRATOR, None, None),
    ("main clause beats as-clause", ["The meeting is set, Peskov told reporters as he confirmed "
     "the date."], 0, "Dmitry Peskov", "Russia", "Peskov told"),
    ("pronoun takes previous speaker",
     ["Trade will recover, Dvorkovich said.", "“Tourism comes first,” he said."], 1,
     "Arkady Dvorkovich", "Russia", "he said"),
    ("pronoun skips the listener",
     ["Erdogan met Putin in St Petersburg.", "“We missed you,” Putin said.",
      "“Your call helped us,” he told Putin."], 2, "Recep Tayyip Erdogan", "Turkey", "he told"),
    ("pronoun after narrated sentence",
     ["Cavusoglu met Lavrov in Alanya.", "He said the visa regime would be eased."], 1,
     "Mevlut Cavusoglu", "Turkey", "He said"),
    ("pronoun resolves to unknown speaker",
     ["Ankara needs Moscow, Oleg Ivanov, an analyst, said.", "He said the West was worried."], 1,
     "Oleg Ivanov", "other", "He said"),
    ("surname of an unknown speaker met earlier",
     ["Ankara needs Moscow, Oleg Ivanov, an analyst, said.", "The West is worried, Ivanov said."],
     1, "Oleg Ivanov", "other", "Ivanov said"),
    ("quote opened, attributed at its end: first",
     ["“We oppose every coup.", "We stand with the elected government.",
      "We hope Turkey recovers,” Putin said."], 0, "Vladimir Putin", "Russia", None),
    ("quote opened, attributed at its end: middle",
     ["“We oppose every coup.", "We stand with the elected government.",
      "We hope Turkey recovers,” Putin said."], 1, "Vladimir Putin", "Russia", None),
    ("quote attributed at its start",
     ["Simsek said: “You stood by us.", "Thank you.”"], 1, "Mehmet Simsek", "Turkey", None),
    ("bare quote after attributed quote",
     ["“Ties are back,” Erdogan said.", "“Our region expects a lot of us.”"], 1,
     "Recep Tayyip Erdogan", "Turkey", None),
    ("bare quote before attributed quote",
     ["“We have turned the page.”", "“Trade will double,” Zeybekci said."], 0,
     "Nihat Zeybekci", "Turkey", None),
    ("straight quotes", ['"The ban is lifted," said Tkachev.'], 0, "Alexander Tkachev",
     "Russia", "said Tkachev"),
]  # fmt: skip

# A parenthetical between a named speaker and the verb (category: subject, comma, verb).
PARENTHETICAL_CASES = [
    ("prepositional phrase with since inside",
     ["Vladimir Putin, on his first trip to Turkey since the crisis, told reporters in Istanbul "
      "that ties were restored."], 0, "Vladimir Putin", "Russia",
     "Vladimir Putin, on his first trip to Turkey since the crisis, told"),
    ("participle phrase", ["Erdogan, speaking in Ankara after a cabinet meeting, said Turkey "
     "wanted calm."], 0, "Recep Tayyip Erdogan", "Turkey",
     "Erdogan, speaking in Ankara after a cabinet meeting, said"),
    ("interview with an outlet", ["Lavrov, in an interview with RIA Novosti, said the "
     "sanctions could be lifted."], 0, "Sergei Lavrov", "Russia",
     "Lavrov, in an interview with RIA Novosti, said"),
    ("passive participle", ["Cavusoglu, asked about the visa regime, said talks would "
     "continue."], 0, "Mevlut Cavusoglu", "Turkey", "Cavusoglu, asked about the visa regime, said"),
    ("title subject, relative clause with a date", ["The Turkish president, who flew back from "
     "Baku on Monday, told his party that Moscow was a friend."], 0, "Recep Tayyip Erdogan",
     "Turkey", "The Turkish president, who flew back from Baku on Monday, told"),
    ("descriptor subject", ["Officials in Ankara, speaking on condition of anonymity, said the "
     "talks had stalled."], 0, "Officials in Ankara", "Turkey",
     "Officials in Ankara, speaking on condition of anonymity, said"),
    ("must not fire: clause before the parenthetical, inverted speaker",
     ["Exports dropped since November, in part because of the embargo, said Peskov."], 0,
     "Dmitry Peskov", "Russia", "said Peskov"),
    ("must not fire: short clause before the parenthetical",
     ["Ties improved, in part thanks to tourism, said Peskov."], 0, "Dmitry Peskov", "Russia",
     "said Peskov"),
    ("must not fire: reported clause after the verb is not an inverted speaker",
     ["Lavrov, in an interview, said Putin would visit Ankara."], 0, "Sergei Lavrov", "Russia",
     "Lavrov, in an interview, said"),
]  # fmt: skip

# A reporting clause inside a noun phrase: the remark is embedded in the narrator's sentence.
EMBEDDED_CASES = [
    ("reduced relative clause, -ed verb", ["Turkey detained dozens of reporters, a move critics "
     "said targeted the opposition."], 0, NARRATOR, None, None),
    ("reduced relative clause, auxiliary", ["Ankara signed a deal officials say will open "
     "markets."], 0, NARRATOR, None, None),
    ("that-clause", ["Ankara expelled two diplomats, a step that analysts said was overdue."], 0,
     NARRATOR, None, None),
    ("singular determiner with a plural head is not one noun phrase",
     ["The summit came a day after the vote, a result some Western commentators described as a "
      "shift."], 0, NARRATOR, None, None),
    ("noun phrase before a name: object relative clause at the end",
     ["The ministry said Russian jets had entered Turkish airspace, a claim Moscow denied."], 0,
     "The ministry", None, "The ministry said"),
    ("pronoun before a name: object relative clause at the end",
     ["Putin said Turkey had helped militants, something Erdogan denied."], 0,
     "Vladimir Putin", "Russia", "Putin said"),
    ("must not fire: plain report by critics", ["Critics said the move targeted the "
     "opposition."], 0, "Critics", None, "Critics said"),
    ("must not fire: participle adjective starts the reported clause",
     ["Erdogan said detained soldiers would face trial."], 0, "Recep Tayyip Erdogan", "Turkey",
     "Erdogan said"),
    ("must not fire: a descriptor with of", ["A group of Turkish lawmakers said the vote was "
     "unfair."], 0, "A group of Turkish lawmakers", "Turkey", "A group of Turkish lawmakers said"),
]  # fmt: skip

# Verbs with a speech sense and another sense: only the speech sense names a speaker.
AMBIGUOUS_VERB_CASES = [
    ("a written message then a participle", ["The Turkish foreign ministry issued a statement "
     "saying the decision was a step forward."], 0, "Turkish Foreign Ministry", "Turkey",
     "Turkish foreign ministry issued a statement saying"),
    ("a message to someone then a participle", ["The Kremlin sent a message to its partners on "
     "Friday saying talks could resume."], 0, "Kremlin", "Russia",
     "The Kremlin sent a message to its partners on Friday saying"),
    ("must not fire: banners are no written message", ["Protesters carried banners saying the "
     "ambassador should leave."], 0, NARRATOR, None, None),
    ("must not fire: a map showing is no speech", ["The Kremlin published a map showing the "
     "route of the planned pipeline."], 0, NARRATOR, None, None),
    ("recalled an envoy", ["Turkey recalled its ambassador to Vienna."], 0, NARRATOR, None, None),
    ("recalled that", ["Erdogan recalled that Russia had been first to call after the coup."], 0,
     "Recep Tayyip Erdogan", "Turkey", "Erdogan recalled"),
    ("recalled how", ["Cavusoglu recalled how Putin had phoned on the night of the coup."], 0,
     "Mevlut Cavusoglu", "Turkey", "Cavusoglu recalled"),
    ("called an envoy home", ["Germany called its ambassador home for consultations."], 0,
     NARRATOR, None, None),
    ("called X a Y", ["Erdogan called the Bundestag vote a grave mistake."], 0,
     "Recep Tayyip Erdogan", "Turkey", "Erdogan called"),
    ("called X adjective", ["Erdogan called the vote unacceptable."], 0, "Recep Tayyip Erdogan",
     "Turkey", "Erdogan called"),
    ("called for", ["The EU envoy called for restraint."], 0, "The EU envoy", "West",
     "The EU envoy called"),
    ("called a snap election", ["Erdogan called a snap election."], 0, NARRATOR, None, None),
    ("called someone to offer", ["Putin called Erdogan to offer condolences."], 0, NARRATOR, None,
     None),
    ("called off", ["Lavrov called off the visit."], 0, NARRATOR, None, None),
    ("denied entry", ["Turkey denied entry to a German lawmaker."], 0, NARRATOR, None, None),
    ("denied a role", ["A Turkish minister denied any role in the attack."], 0,
     "A Turkish minister", "Turkey", "A Turkish minister denied"),
    ("added to a list", ["Russia added Turkish builders to the list of banned firms."], 0,
     NARRATOR, None, None),
    ("added to tensions", ["The dispute added to tensions."], 0, NARRATOR, None, None),
    ("added that", ["Putin added that Russia would not retaliate."], 0, "Vladimir Putin",
     "Russia", "Putin added"),
    ("declared a state of emergency", ["Erdogan declared a three-month state of emergency."], 0,
     NARRATOR, None, None),
    ("declared that", ["Erdogan declared that the coup had failed."], 0, "Recep Tayyip Erdogan",
     "Turkey", "Erdogan declared"),
    ("continued an action", ["Russia continued its air strikes near the border."], 0, NARRATOR,
     None, None),
    ("admitted a number", ["Turkey admitted 3,000 refugees last week."], 0, NARRATOR, None, None),
]  # fmt: skip

# Governments, countries and capitals that do anything but say act; the journalist reports it.
COMMITMENT_CASES = [
    ("capital promised to", ["Brussels also promised to speed up payment of the aid."], 0,
     NARRATOR, None, None),
    ("country pledged to", ["Turkey pledged to take back migrants who crossed to the islands."], 0,
     NARRATOR, None, None),
    ("union pledged money", ["The EU pledged 3 billion euros for refugees."], 0, NARRATOR, None,
     None),
    ("government vowed to", ["The Turkish government vowed to retaliate."], 0, NARRATOR, None,
     None),
    ("must not fire: a person vows", ["Erdogan vowed to crush the plotters."], 0,
     "Recep Tayyip Erdogan", "Turkey", "Erdogan vowed"),
    ("capital promised that", ["Brussels promised that payments would speed up."], 0,
     NARRATOR, None, None),
    ("must not fire: an office promises", ["The Kremlin promised to study the letter."], 0,
     "Kremlin", "Russia", "The Kremlin promised"),
    # A charge or a stance put in words is the body's own statement.
    ("must not fire: a capital accuses", ["Moscow accused Ankara of shielding militants."], 0,
     "Moscow", "Russia", "Moscow accused"),
    ("must not fire: a country expresses concern", ["Greece expressed concern about the drilling "
     "ship off Cyprus."], 0, "Greece", "West", "Greece expressed"),
    ("must not fire: a country expresses regret, then refuses", ["Russia expressed its regret "
     "but declined to pay compensation."], 0, "Russia", "Russia", "Russia expressed"),
    ("must not fire: a capital voices", ["Washington voiced doubts about the new purchase."], 0,
     "Washington", "West", "Washington voiced"),
    ("must not fire: a country insists", ["Turkey insisted that its pilots had issued ten "
     "warnings."], 0, "Turkey", "Turkey", "Turkey insisted"),
    ("country demanded that another act", ["Greece has demanded the bloc pay for the coastal "
     "patrols."], 0, NARRATOR, None, None),
    ("country condemned, with a quoted word", ["Canada condemned as “cowardly” the bombing of a "
     "bus station in Ankara."], 0, NARRATOR, None, None),
    ("two countries hailed", ["Germany and Russia hailed the new gas deal."], 0, NARRATOR,
     None, None),
    ("must not fire: a country says", ["Russia says the Turkish drone crossed the border."], 0,
     "Russia", "Russia", "Russia says"),
    ("must not fire: a minister accuses", ["A Greek minister accused Ankara of stalling."], 0,
     "A Greek minister", "West", "A Greek minister accused"),
]  # fmt: skip

# A reporting clause closing the sentence reports everything before it.
CLOSING_CASES = [
    ("body reports a leader's words", ["During the call, Putin told Erdogan that he would lift "
     "the ban, the Kremlin said."], 0, "Kremlin", "Russia", "the Kremlin said"),
    ("according to at the end", ["Putin told Erdogan that Russia would lift the ban, according "
     "to the Kremlin."], 0, "Kremlin", "Russia", "according to the Kremlin"),
    ("with a time and a statement", ["Putin told Erdogan on Tuesday that the ban would go, the "
     "Kremlin said in a statement on Wednesday."], 0, "Kremlin", "Russia", "the Kremlin said"),
    ("quotation, then closing body", ["“We are ready,” Putin told Erdogan, the Kremlin said."], 0,
     "Kremlin", "Russia", "the Kremlin said"),
    ("must not fire: a news outlet reports rather than speaks",
     ["Erdogan said Turkey would never apologise, Anadolu Agency said."], 0,
     "Recep Tayyip Erdogan", "Turkey", "Erdogan said"),
    ("must not fire: a clause after the last reporter", ["Lavrov said on Monday that talks "
     "would resume, and Peskov agreed."], 0, "Sergei Lavrov", "Russia", "Lavrov said"),
    ("must not fire: a pronoun at the end", ["Putin said Russia had no plans to retaliate, he "
     "said."], 0, "Vladimir Putin", "Russia", "Putin said"),
]  # fmt: skip

# A reporting verb after the quotation, before its subject (category: inverted attribution).
INVERTED_CASES = [
    ("weaker verb inverted", ["“Keep the border crossings open,” urged a Turkish minister."], 0,
     "a Turkish minister", "Turkey", "urged a Turkish minister"),
    ("asked inverted", ["“Who gains from this quarrel?” asked a Russian diplomat."], 0,
     "a Russian diplomat", "Russia", "asked a Russian diplomat"),
    ("time adverbial between the verb and its subject", ["“Flights can resume within weeks,” "
     "said on Tuesday a spokesman for the Russian transport ministry."], 0,
     "a spokesman for the Russian transport ministry", "Russia",
     "said on Tuesday a spokesman for the Russian transport ministry"),
    ("dash between the quotation and the verb", ["“The charter ban is over,” — said a Russian "
     "tourism official."], 0, "a Russian tourism official", "Russia",
     "said a Russian tourism official"),
    ("participle phrase after the name describes the speaker", ["“We share your grief,” said EU "
     "envoy Ana Lopez standing beside the Turkish president."], 0, "Ana Lopez", "West",
     "said EU envoy Ana Lopez"),
    ("must not fire: a weaker verb inverted needs someone who can speak", ["The truce will "
     "fail, warned the report."], 0, NARRATOR, None, None),
    ("pronoun with no antecedent gets no side", ["He said the truce would fail."], 0, "He", None,
     "He said"),
    ("must not fire: a participle after a lower-case word", ["“The vote was fair,” said the "
     "governing party spokesman in Ankara."], 0, "the governing party spokesman", "Turkey",
     "said the governing party spokesman"),
]  # fmt: skip

# Speech and stance verbs beyond "said", and uses of them that report an act.
VERB_CASES = [
    ("expressed regret that", ["A Russian deputy minister expressed regret that the letter said "
     "nothing new."], 0, "A Russian deputy minister", "Russia",
     "A Russian deputy minister expressed"),
    ("must not fire: expressed solidarity is a gesture", ["EU ministers expressed solidarity "
     "with Ankara at a meeting in Brussels."], 0, NARRATOR, None, None),
    ("expressed concern over", ["Two Western governments expressed concern over the scale of "
     "the arrests."], 0, "Two Western governments", "West", "Two Western governments expressed"),
    ("expressed condolences", ["A Dutch minister expressed his condolences to the families of "
     "the victims."], 0, "A Dutch minister", "West", "A Dutch minister expressed"),
    ("a country expressed sympathy", ["Germany expressed its sympathy to the Turkish people "
     "after the blast."], 0, "Germany", "West", "Germany expressed"),
    ("instructed someone to act", ["A Russian minister instructed officials to draft the new "
     "flight rules."], 0, "A Russian minister", "Russia", "A Russian minister instructed"),
    ("advised someone to act", ["A Belgian minister advised travellers to avoid the border "
     "region."], 0, "A Belgian minister", "West", "A Belgian minister advised"),
    ("clarified that", ["A Turkish diplomat clarified that the note carried no apology."], 0,
     "A Turkish diplomat", "Turkey", "A Turkish diplomat clarified"),
    ("referred to someone as", ["A Greek minister referred to the pact as a lifeline for the "
     "islands."], 0, "A Greek minister", "West", "A Greek minister referred to"),
    ("must not fire: referred to only mentions", ["A Greek minister referred to the pact in his "
     "speech to the island mayors."], 0, NARRATOR, None, None),
    ("asked whether", ["A Turkish minister asked whether Berlin still counted Ankara as an "
     "ally."], 0, "A Turkish minister", "Turkey", "A Turkish minister asked"),
    ("must not fire: asked someone to act is a request", ["The Turkish president asked his "
     "cabinet to prepare new trade rules."], 0, NARRATOR, None, None),
    ("present plural of a weaker verb", ["Turkish officials insist that the jet crossed into "
     "their airspace."], 0, "Turkish officials", "Turkey", "Turkish officials insist"),
    ("analysts warn", ["Analysts in Moscow warn that the thaw may not last."], 0,
     "Analysts in Moscow", "other", "Analysts in Moscow warn"),
    ("must not fire: an infinitive reports nothing", ["The EU is expected to urge Ankara to "
     "narrow its terror law."], 0, NARRATOR, None, None),
    ("must not fire: after a modal", ["Russian officials will warn Turkish hauliers at the "
     "border."], 0, NARRATOR, None, None),
    ("must not fire: a noun that is also a verb form is left out", ["The Turkish embassy handed "
     "a diplomatic note to the Russian side."], 0, NARRATOR, None, None),
    ("outlet quoted someone as saying", ["A Russian news agency quoted a senior diplomat as "
     "saying the ban would be eased."], 0, "a senior diplomat", None,
     "quoted a senior diplomat as saying"),
    ("outlet quoted a name and its title as saying", ["A Turkish channel quoted Ana Lopez, an "
     "adviser to the Turkish cabinet, as saying the ban was unfair."], 0, "Ana Lopez", "Turkey",
     "quoted Ana Lopez, an adviser to the Turkish cabinet, as saying"),
    ("made it clear", ["A senior Turkish minister made it clear on Friday that the deal could "
     "collapse."], 0, "A senior Turkish minister", "Turkey",
     "A senior Turkish minister made it clear"),
    ("must not fire: a text quoted as saying is no speaker", ["The court quoted the new law as "
     "saying nothing about visas."], 0, NARRATOR, None, None),
    ("pointed to", ["A German government spokesman pointed to the close economic ties with "
     "Turkey."], 0, "A German government spokesman", "West",
     "A German government spokesman pointed to"),
    ("must not fire: pointed to by something that cannot speak", ["The figures pointed to a "
     "sharp fall in trade with Russia."], 0, NARRATOR, None, None),
    ("went on to warn", ["A Turkish minister went on to warn that Washington had to choose "
     "its partners."], 0, "A Turkish minister", "Turkey", "A Turkish minister went on to warn"),
    ("participle asking after a comma", ["The Turkish president issued a sharp rebuke over the "
     "envoy’s visit, asking how Ankara could trust its ally."], 0, "Recep Tayyip Erdogan",
     "Turkey", "Turkish president issued a sharp rebuke over the envoy’s visit, asking"),
    ("must not fire: participle without a comma modifies a noun", ["Ankara recalled its envoy "
     "after the vote on a resolution describing the 1915 killings as genocide."], 0,
     NARRATOR, None, None),
    ("called X the quotation", ["Angered by the ruling, a Turkish minister called Vienna the "
     "“centre of prejudice”."], 0, "a Turkish minister", "Turkey", "a Turkish minister called"),
    ("announced a measure", ["The Russian minister announced new curbs on Turkish "
     "imports."], 0, NARRATOR, None, None),
    ("country announced that", ["Ankara announced that Turkey would not introduce visas for "
     "Russians."], 0, NARRATOR, None, None),
    ("must not fire: an office announced that", ["The Kremlin announced that the two leaders "
     "would meet in August."], 0, "Kremlin", "Russia", "The Kremlin announced"),
    ("revealed that", ["A Turkish negotiator revealed that the visa talks had stalled."], 0,
     "A Turkish negotiator", "Turkey", "A Turkish negotiator revealed"),
    ("rebuked", ["A German minister rebuked Ankara over the arrests of journalists."], 0,
     "A German minister", "West", "A German minister rebuked"),
    ("rejected a proposal", ["The Kremlin rejected a Turkish offer of a joint inquiry."], 0,
     "Kremlin", "Russia", "The Kremlin rejected"),
    ("characterised as", ["A Russian deputy minister characterised the talks as useful."], 0,
     "A Russian deputy minister", "Russia", "A Russian deputy minister characterised"),
    ("dismissed claims that", ["A Turkish minister dismissed claims that Ankara was drifting "
     "from NATO."], 0, "A Turkish minister", "Turkey", "A Turkish minister dismissed"),
    ("must not fire: dismissed officials from their posts", ["The Turkish president dismissed "
     "two governors after the attack."], 0, NARRATOR, None, None),
    ("outlet report citing a source", ["Exports to Russia halved, a news agency reported, "
     "citing a Turkish exporters' union official."], 0,
     "a Turkish exporters' union official", "Turkey",
     "citing a Turkish exporters' union official"),
    ("must not fire: citing a reason", ["The Turkish government shut the website, citing "
     "security grounds."], 0, NARRATOR, None, None),
    ("with a subject calling", ["The ruling angered Ankara, with a Turkish minister calling it "
     "a disgrace."], 0, "a Turkish minister", "Turkey", "a Turkish minister calling"),
    ("dateline before a list of speakers", ["PARIS, May 3 France and Greece said the Turkish "
     "offer was fair."], 0, "France and Greece", "West", "France and Greece said"),
    ("dateline before a descriptor", ["OSLO, May 3 The Norwegian minister said the Turkish "
     "offer was fair."], 0, "The Norwegian minister", "West", "The Norwegian minister said"),
    ("must not fire: with people who cannot speak", ["Bookings fell, with tourists saying little "
     "about why."], 0, NARRATOR, None, None),
]  # fmt: skip

# Titles, ranks, possessives and relational heads around a speaker's name.
TITLE_CASES = [
    ("portfolio before the name", ["Spain’s Justice Minister Ana Lopez said the extradition "
     "request would be studied."], 0, "Ana Lopez", "West",
     "Spain’s Justice Minister Ana Lopez said"),
    ("rank abbreviation before the name", ["A NATO spokesman, Navy Capt. Ana Lopez, said the "
     "base was working normally."], 0, "Ana Lopez", "West",
     "A NATO spokesman, Navy Capt. Ana Lopez, said"),
    ("country of the EU", ["Luxembourg’s foreign minister Ana Lopez said the chapter would "
     "open."], 0, "Ana Lopez", "West", "Luxembourg’s foreign minister Ana Lopez said"),
    ("possessor's allies speak for their own side", ["Turkey’s NATO allies said the alliance "
     "stood by its member."], 0, "Turkey’s NATO allies", "West",
     "Turkey’s NATO allies said"),
    ("must not fire: possessor's delegation speaks for the possessor", ["Turkey’s EU delegation "
     "said the talks would go on."], 0, "Turkey’s EU delegation", "Turkey",
     "Turkey’s EU delegation said"),
    ("a statement speaks for its author", ["According to a statement from the Kremlin, the two "
     "leaders agreed to meet."], 0, "Kremlin", "Russia",
     "According to a statement from the Kremlin"),
    ("a report by a ministry", ["A report by the Russian defence ministry said the jet never "
     "left Syrian airspace."], 0, "Russian Defence Ministry", "Russia",
     "A report by the Russian defence ministry said"),
    ("name, then its title as the appositive", ["Later, Ana Lopez, Turkish deputy minister, "
     "said the two countries needed each other."], 0, "Ana Lopez", "Turkey",
     "Ana Lopez, Turkish deputy minister, said"),
    ("an adviser to a leader speaks, not the leader", ["An adviser to the Turkish president "
     "warned that the migrant deal could end."], 0, "An adviser to the Turkish president",
     "Turkey", "An adviser to the Turkish president warned"),
    ("must not fire: a leader's title inside a plain descriptor", ["Russian President Vladimir "
     "Putin’s spokesman said the call was useful."], 0, "Russian President Vladimir Putin’s "
     "spokesman", "Russia", "Russian President Vladimir Putin’s spokesman said"),
    ("name after a title whose object is a body", ["Greece’s envoy to the EU Ana Lopez said "
     "the talks would resume."], 0, "Ana Lopez", "West",
     "Greece’s envoy to the EU Ana Lopez said"),
    ("known name after a spokeswoman for a ministry", ["Spokeswoman for the Russian foreign "
     "ministry Maria Zakharova said the ban would stay."], 0, "Maria Zakharova", "Russia",
     "Spokeswoman for the Russian foreign ministry Maria Zakharova said"),
    ("surname with an Arabic article", ["Iraq’s foreign minister Omar al-Hassan said the "
     "border would reopen."], 0, "Omar al-Hassan", "other",
     "Iraq’s foreign minister Omar al-Hassan said"),
    ("must not fire: a name right after the preposition", ["An aide to Ana Lopez said the "
     "border would reopen."], 0, "An aide to Ana Lopez", None, "An aide to Ana Lopez said"),
    ("must not fire: a leader after the preposition", ["An aide to Turkish President Erdogan "
     "said the border would reopen."], 0, "An aide to Turkish President Erdogan", "Turkey",
     "An aide to Turkish President Erdogan said"),
    ("outlet naming no country", ["A financial publication wrote that both economies needed "
     "each other."], 0, "A financial publication", "other",
     "A financial publication wrote"),
    ("must not fire: outlet of a country", ["Russian media wrote that the tourists would "
     "return."], 0, "Russian media", "Russia", "Russian media wrote"),
]  # fmt: skip

# A text that names no author is no speaker: the journalist reports what it says.
UNAUTHORED_CASES = [
    # A relative clause opened by "whom" describes a noun of the main clause; it names no speaker.
    ("whom a minister accuses", ["Police detained a man whom a Russian minister accuses of "
     "spying."], 0, NARRATOR, None, None),
    ("whom a country accuses", ["Police held a trader whom Moscow accuses of smuggling "
     "arms."], 0, NARRATOR, None, None),
    ("must not fire: a speaker before the whom clause", ["A Russian minister, whom reporters "
     "asked about the ban, said it would stay."], 0, "A Russian minister", "Russia",
     "A Russian minister, whom reporters asked about the ban, said"),
    ("a decree says", ["The decree says Turkish building firms must wind up their Russian "
     "contracts by the end of the year."], 0, NARRATOR, None, None),
    ("a letter said", ["The letter said the pilot's family would be compensated."], 0,
     NARRATOR, None, None),
    ("according to media reports, a time after it",
     ["Talks on the gas pipeline will resume next month, according to media reports on "
      "Monday."], 0, NARRATOR, None, None),
    ("according to press reports first", ["According to press reports, the envoy left Ankara "
     "early."], 0, NARRATOR, None, None),
    ("must not fire: reports with a nationality",
     ["According to Turkish media reports, the envoy left Ankara early."], 0,
     "Turkish media reports", "Turkey", "According to Turkish media reports"),
    ("must not fire: a statement from an author", ["A statement from the Kremlin said the envoy "
     "had left Ankara."], 0, "Kremlin", "Russia", "A statement from the Kremlin said"),
    ("must not fire: a statement speaks for its unnamed author",
     ["The statement said the envoy had left Ankara."], 0, "The statement", None,
     "The statement said"),
    ("a known outlet named with its kind", ["Flights to Antalya will resume in May, according "
     "to Interfax news agency."], 0, NARRATOR, None, None),
    ("an unknown outlet after its kind", ["The envoy will return next week, the TV channel "
     "Kanal9 said."], 0, NARRATOR, None, None),
    ("must not fire: a government agency", ["The Turkish disaster agency said the aid convoy "
     "had left."], 0, "The Turkish disaster agency", "Turkey",
     "The Turkish disaster agency said"),
    ("must not fire: a body after a preposition's object is no name", ["The letter was sent, "
     "according to sources in the Turkish Presidential Administration."], 0,
     "sources in the Turkish Presidential Administration", "Turkey",
     "according to sources in the Turkish Presidential Administration"),
    ("must not fire: a noun that starts with a document's name",
     ["Lawmakers said the envoy had left Ankara."], 0, "Lawmakers", None, "Lawmakers said"),
]  # fmt: skip

# A message whose words a participle reports, inside a clause that only sets the scene.
SCENE_MESSAGE_CASES = [
    ("after someone sent a letter expressing", ["Relations thawed after Erdogan sent a letter to "
     "the Kremlin expressing regret."], 0, NARRATOR, None, None),
    ("because someone issued a statement saying", ["The talks were put off because the Kremlin "
     "issued a statement saying the envoy was ill."], 0, NARRATOR, None, None),
    ("must not fire: the main clause sends the letter", ["Erdogan sent a letter to the Kremlin "
     "expressing regret."], 0, "Recep Tayyip Erdogan", "Turkey",
     "Erdogan sent a letter to the Kremlin expressing"),
]  # fmt: skip

# A body, a title and a person's name open the sentence: the person is its subject.
SUBJECT_TITLE_CASES = [
    ("body, title, then the person", ["The European Commission head Jean-Claude Juncker flew "
     "to Ankara, saying the visa talks would go on."], 0, "Jean-Claude Juncker", "West",
     "Jean-Claude Juncker flew to Ankara, saying"),
    ("a straight closing mark ends a quotation begun earlier", ["The Turkish minister gave his "
     "view, and I listened,\" a German lawmaker told reporters."], 0, "a German lawmaker",
     "West", "a German lawmaker told"),
    ("a photo note in brackets before the verb", ["Lavrov (pictured, left) said the talks "
     "in Sochi had gone well."], 0, "Sergei Lavrov", "Russia",
     "Lavrov (pictured, left) said"),
    ("an abbreviation in brackets before the verb", ["The Turkish foreign ministry (MFA) said "
     "the envoy had been summoned."], 0, "Turkish Foreign Ministry", "Turkey",
     "The Turkish foreign ministry (MFA) said"),
    ("must not fire: a bracket inside a quotation", ["“Ties are back (at last),” said a "
     "Turkish diplomat."], 0, "a Turkish diplomat", "Turkey", "said a Turkish diplomat"),
    ("'it' is the body the sentence opened with", ["Moscow ruled out a military reply, but it "
     "pledged wide trade curbs."], 0, "Moscow", "Russia", "it pledged"),
    ("'it' is the body, not an earlier speaker", ["Putin said the curbs would stay.",
     "The Turkish foreign ministry denied the claim, and it said the jet had been warned."], 1,
     "Turkish Foreign Ministry", "Turkey", "it said"),
    ("must not fire: 'it' after a person", ["Peskov met the envoy, and it said nothing new."],
     0, "it", None, "it said"),
    ("a sideless speaker after the words its body opens with", ["Ankara on Friday urged the "
     "envoy to leave, ministry sources said."], 0, "ministry sources", "Turkey",
     "ministry sources said"),
    ("'it' after a quotation its body opens", ["“The Turkish foreign ministry considers the "
     "charge baseless,” it said."], 0, "Turkish Foreign Ministry", "Turkey", "it said"),
    ("must not fire: the opening body does not speak", ["Turkey must end the shelling, the "
     "statement said."], 0, "the statement", None, "the statement said"),
    ("must not fire: a body that is not the opening noun", ["The ban on flights to Turkey "
     "stays, ministry sources said."], 0, "ministry sources", None, "ministry sources said"),
    ("must not fire: a body and a person joined by 'and'", ["The Kremlin and Putin hosted the "
     "delegation on Friday, saying the visit went well."], 0, "Kremlin", "Russia",
     "The Kremlin and Putin hosted the delegation on Friday, saying"),
]  # fmt: skip

CASES += SUBJECT_TITLE_CASES
CASES += PARENTHETICAL_CASES + EMBEDDED_CASES + AMBIGUOUS_VERB_CASES + COMMITMENT_CASES
CASES += CLOSING_CASES + INVERTED_CASES + VERB_CASES + TITLE_CASES
CASES += UNAUTHORED_CASES + SCENE_MESSAGE_CASES


@pytest.mark.parametrize(("statements", "index", "speaker", "side", "span"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])  # fmt: skip
def test_speaker(
    statements: list[str], index: int, speaker: str, side: str | None, span: str | None
) -> None:
    found = attribute(statements, AUGUST_2016, ACTORS)[index]
    assert (found.speaker, found.side) == (speaker, side)
    text = statements[index]
    assert (text[found.span[0] : found.span[1]] if found.span else None) == span
    if speaker != NARRATOR and found.actor is not None:
        assert found.actor == speaker


def test_one_attribution_per_statement() -> None:
    statements = ["Putin said no.", "Nothing happened.", "“Yes,” he said."]
    assert len(attribute(statements, None, ACTORS)) == 3
    assert attribute([], None, ACTORS) == []


def test_title_before_the_change_of_prime_minister() -> None:
    text = "The Turkish prime minister said Ankara would not apologise."
    assert attribute([text], APRIL_2016, ACTORS)[0].actor == "Ahmet Davutoglu"


def test_quote_spans_and_continuation_flags() -> None:
    statements = ["“We oppose every coup.", "We stand with you.", "We hope,” Putin said."]
    first, middle, last = attribute(statements, AUGUST_2016, ACTORS)
    assert statements[0][slice(*first.quote_spans[0])] == "We oppose every coup."
    assert middle.quote_spans == ((0, len(statements[1])),)
    assert statements[2][slice(*last.quote_spans[0])] == "We hope,"
    assert (first.is_quote_continuation, middle.is_quote_continuation) == (True, True)
    assert not last.is_quote_continuation and last.how == "verb"


def test_narrator_has_no_actor_or_side() -> None:
    (found,) = attribute(["The summit opened in St Petersburg."], AUGUST_2016, ACTORS)
    assert (found.speaker, found.actor, found.side, found.span) == (NARRATOR, None, None, None)


# A list of speakers ("Germany, France and Italy said") speaks as one: the whole phrase, the side
# its members share or "other", and who each member names. (name, input, expected): the input
# is one statement or a document whose last statement is checked; expected is (speaker, side,
# span text, members).
GROUP_CASES = [
    ("three countries, joint statement", "Germany, France and Italy said in a joint statement "
     "that Turkey must respect the rule of law.", ("Germany, France and Italy", "West",
     "Germany, France and Italy said", ("Germany", "France", "Italy"))),
    ("two countries", "Germany and France said Turkey must respect the rule of law.",
     ("Germany and France", "West", "Germany and France said", ("Germany", "France"))),
    ("serial comma", "Germany, France, and Italy said Turkey must respect the law.",
     ("Germany, France, and Italy", "West", "Germany, France, and Italy said",
      ("Germany", "France", "Italy"))),
    ("country and union, weaker verb", "The US and the EU urged Turkey to show restraint.",
     (NARRATOR, None, None, ())),
    ("must not fire: country and union, said", "The US and the EU said Turkey had to show "
     "restraint.", ("The US and the EU", "West", "The US and the EU said",
                    ("United States", "European Union"))),
    ("descriptor over a list", "Foreign ministers of Russia and Turkey said the talks had gone "
     "well.", ("Foreign ministers of Russia and Turkey", "other",
     "Foreign ministers of Russia and Turkey said", ("Foreign ministers of Russia", "Turkey"))),
    ("both parties of a dyad", "Russia and Turkey said they would restore trade ties.",
     ("Russia and Turkey", "other", "Russia and Turkey said", ("Russia", "Turkey"))),
    ("persons on two sides", "Lavrov and Cavusoglu said the talks went well.",
     ("Lavrov and Cavusoglu", "other", "Lavrov and Cavusoglu said",
      ("Sergei Lavrov", "Mevlut Cavusoglu"))),
    ("persons on one side", "Putin and Lavrov said Russia would lift the ban.",
     ("Putin and Lavrov", "Russia", "Putin and Lavrov said", ("Vladimir Putin", "Sergei Lavrov"))),
    ("coordinated adjectives", "Turkish and Russian officials said the talks went well.",
     ("Turkish and Russian officials", "other", "Turkish and Russian officials said",
      ("Turkey", "Russian officials"))),
    ("descriptors", "Senior Turkish officials and EU diplomats said the deal would hold.",
     ("Senior Turkish officials and EU diplomats", "other",
      "Senior Turkish officials and EU diplomats said",
      ("Senior Turkish officials", "EU diplomats"))),
    ("title and name, then a descriptor", "Kremlin spokesman Dmitry Peskov and Turkish officials "
     "said the call went well.", ("Kremlin spokesman Dmitry Peskov and Turkish officials",
     "other", "Kremlin spokesman Dmitry Peskov and Turkish officials said",
     ("Dmitry Peskov", "Turkish officials"))),
    ("a person and a counterpart", "Erdogan and his Russian counterpart said ties were back on "
     "track.", ("Erdogan and his Russian counterpart", "other",
     "Erdogan and his Russian counterpart said", ("Recep Tayyip Erdogan",
     "his Russian counterpart"))),
    ("closing the sentence", "Turkey must respect the law, Germany, France and Italy said.",
     ("Germany, France and Italy", "West", "Germany, France and Italy said",
      ("Germany", "France", "Italy"))),
    ("parenthetical before the verb", "Moscow and Ankara, in a rare joint statement, said the "
     "crisis was over.", ("Moscow and Ankara", "other",
     "Moscow and Ankara, in a rare joint statement, said", ("Moscow", "Ankara"))),
    ("both ... and", "Both Germany and France said Turkey must respect the law.",
     ("Germany and France", "West", "Both Germany and France said", ("Germany", "France"))),
    ("inverted", "“We stand together,” said Germany, France and Italy.",
     ("Germany, France and Italy", "West", "said Germany, France and Italy",
      ("Germany", "France", "Italy"))),
    ("inverted, phrase after the list", "“We are ready,” said Putin and Erdogan in a joint "
     "statement.", ("Putin and Erdogan", "other", "said Putin and Erdogan",
     ("Vladimir Putin", "Recep Tayyip Erdogan"))),
    ("according to", "Turkey must respect the law, according to Germany, France and Italy.",
     ("Germany, France and Italy", "West", "according to Germany, France and Italy",
      ("Germany", "France", "Italy"))),
    ("colon", "Germany and France: “Turkey must respect the law.”",
     ("Germany and France", "West", "Germany and France: ", ("Germany", "France"))),
    ("they takes the list", ["Germany and France said Turkey must respect the law.",
     "They said the EU would watch closely."], ("Germany and France", "West", "They said",
     ("Germany", "France"))),
    ("he skips the list", ["Cavusoglu met Lavrov in Alanya.", "Germany and France said Turkey "
     "must respect the law.", "He said the visa regime would be eased."],
     ("Mevlut Cavusoglu", "Turkey", "He said", ())),
    ("a member later is itself", ["Germany, France and Italy said Turkey must respect the law.",
     "Italy said it would send observers."], ("Italy", "West", "Italy said", ())),
    ("promised that: reported", "Germany and France promised that Turkey would get the aid.",
     (NARRATOR, None, None, ())),
    ("a name with and is one name", "The Justice and Development Party said the vote was "
     "unfair.", ("AK Party", "Turkey", "The Justice and Development Party said", ())),
    ("one actor named twice", "Putin and the Russian president said Turkey was wrong.",
     ("Vladimir Putin", "Russia", "Putin and the Russian president said", ())),
    ("must not fire: a list after the verb", "Germany said France and Italy would join.",
     ("Germany", "West", "Germany said", ())),
    ("must not fire: a possessive list in a clause closed by a body", "Putin and Erdogan's talks "
     "ended, the Kremlin said.", ("Kremlin", "Russia", "the Kremlin said", ())),
    ("must not fire: apposition", "Sergei Lavrov, Russia's foreign minister, said Ankara must "
     "apologise.", ("Sergei Lavrov", "Russia", "Sergei Lavrov, Russia's foreign minister, said",
     ())),
    ("must not fire: inverted apposition", "“We are ready,” said Lavrov, Russia's foreign "
     "minister.", ("Sergei Lavrov", "Russia", "said Lavrov", ())),
    ("must not fire: a clause before and", "Erdogan met Putin and Peskov said the talks went "
     "well.", ("Dmitry Peskov", "Russia", "Peskov said", ())),
    ("must not fire: a clause before , and", "Turkey shot down the jet in November, and Russia "
     "said it was a stab in the back.", ("Russia", "Russia", "Russia said", ())),
    ("must not fire: a list of objects before the speaker", "Erdogan will visit Moscow, Berlin "
     "and Paris, Kalin said.", ("Ibrahim Kalin", "Turkey", "Kalin said", ())),
    ("must not fire: listeners", "Erdogan told Putin and Lavrov that Turkey regretted the loss.",
     ("Recep Tayyip Erdogan", "Turkey", "Erdogan told", ())),
    ("must not fire: a relative clause after according to", "Turkey must respect the law, "
     "according to Germany, which holds the presidency.", ("Germany", "West",
     "according to Germany", ())),
    ("must not fire: a list that sets the scene", "After Germany and France said Turkey must "
     "respect the law, Ankara recalled its envoys.", (NARRATOR, None, None, ())),
    ("must not fire: a list of countries commits itself", "Germany and France pledged to "
     "support Turkey.", (NARRATOR, None, None, ())),
]  # fmt: skip


@pytest.mark.parametrize(("document", "expected"), [c[1:] for c in GROUP_CASES],
                         ids=[c[0] for c in GROUP_CASES])  # fmt: skip
def test_group_speaker(
    document: str | list[str], expected: tuple[str, str | None, str | None, tuple[str, ...]]
) -> None:
    statements = [document] if isinstance(document, str) else document
    found = attribute(statements, AUGUST_2016, ACTORS)[-1]
    text = statements[-1]
    span = text[found.span[0] : found.span[1]] if found.span else None
    assert (found.speaker, found.side, span, found.members) == expected
    if found.members:
        assert found.actor is None


def test_group_speaks_a_quotation_running_over_statements() -> None:
    statements = ["“We stand together.", "Turkey must respect the law,” Germany and France said."]
    first, last = attribute(statements, AUGUST_2016, ACTORS)
    assert first.is_quote_continuation
    assert (first.speaker, first.members) == (last.speaker, last.members)
    assert last.members == ("Germany", "France")


# The relation of a list's statement: a one-side list speaks for its side; a list of both
# parties (and a narrated joint act) is the dyad both name, narrated by neither side.
GROUP_DYAD_CASES = [
    ("one-side list speaks for its side", "Germany, France and Italy said Turkey must respect "
     "the rule of law.", [("Turkey–West", "West→Turkey", "speaker")]),
    ("US and EU urge Turkey", "The US and the EU urged Turkey to show restraint.",
     [("Turkey–West", "narrated", "text")]),
    ("US and EU tell Turkey", "The US and the EU told Turkey to show restraint.",
     [("Turkey–West", "West→Turkey", "speaker")]),
    ("joint statement of both parties", "Russia and Turkey said they would restore trade ties.",
     [("Turkey–Russia", "narrated", "text")]),
    ("joint statement of both leaders", "Putin and Erdogan said they would restore trade ties.",
     [("Turkey–Russia", "narrated", "text")]),
    ("joint act of both parties (no speech verb)", "Russia and Turkey agreed to restore trade "
     "ties.", [("Turkey–Russia", "narrated", "text")]),
    ("officials of both sides", "Turkish and EU officials said the visa talks would resume.",
     [("Turkey–West", "narrated", "text")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in GROUP_DYAD_CASES],
                         ids=[c[0] for c in GROUP_DYAD_CASES])  # fmt: skip
def test_group_relation(text: str, expected: list[tuple[str, str, str]]) -> None:
    (found,) = attribute([text], AUGUST_2016, ACTORS)
    dyads = assign_dyads(text, found, AUGUST_2016, ACTORS, None)
    assert [(d.dyad, d.direction, d.basis) for d in dyads] == expected


# An adverbial opening the sentence before its subject, with no comma, is not part of the
# speaker: the speaker is what follows it. (name, input, expected speaker); "keeps:" cases have
# nothing to cut. Published 20 July 2016.
JULY_2016 = dt.date(2016, 7, 20)
ADVERBIAL_CASES = [
    ("weekday", "On Wednesday France said the visa talks should go on.", "France"),
    ("late on weekday", "Late on Thursday the Kremlin said the charter ban would be lifted.",
     "Kremlin"),
    ("early on weekday", "Early on Sunday Moscow said the flights would resume.", "Moscow"),
    ("weekday and part of the day", "On Friday evening Germany said Ankara had to keep its "
     "word.", "Germany"),
    ("day of the month", "On June 29 Ankara said the letter had reached Moscow.", "Ankara"),
    ("month", "In December Washington said Turkey had the right to defend itself.",
     "Washington"),
    ("relative week", "Earlier this week Brussels said the visa deal could slip.", "Brussels"),
    ("the same day", "On the same day the European Union said the migrant deal stood.",
     "European Union"),
    ("hours later", "Hours later the Kremlin said Putin had accepted the apology.", "Kremlin"),
    ("deadline", "By Friday the EU said the refugee money had been paid.", "European Union"),
    ("statement then time", "In a written statement on Monday Russia said the apology had "
     "been received.", "Russia"),
    ("news conference", "At a news conference the Russian Foreign Ministry said the ban on "
     "tours stood.", "Russian Foreign Ministry"),
    ("news conference and place", "At a joint news conference in Sochi Cavusoglu said the "
     "ties were thawing.", "Mevlut Cavusoglu"),
    ("interview with an outlet", "In an interview with Reuters Germany said the EU talks were "
     "frozen.", "Germany"),
    ("phone call with a person", "In a phone call with Erdogan the Kremlin said Russia "
     "opposed the coup.", "Kremlin"),
    ("speaking to reporters", "Speaking to reporters in Ankara the government said the purge "
     "would go on.", "the government"),
    ("statement before a descriptor", "In a statement officials said the border would stay "
     "shut.", "officials"),
    ("sentence adverb", "Meanwhile Brussels said the refugee money would arrive in time.",
     "Brussels"),
    ("time before a descriptor", "On Tuesday senior Turkish officials said the pipeline talks "
     "would resume.", "senior Turkish officials"),
    ("after a setting noun phrase", "After the talks Ankara said the gas pipeline was back on "
     "the table.", "Ankara"),
    ("since a month", "Since January Moscow has said the sanctions would stay.", "Moscow"),
    ("time after the subject", "The Kremlin on Monday night said the charter flights would "
     "resume.", "Kremlin"),
    ("date after the subject", "Berlin on June 2 said the vote on Armenia was not aimed at "
     "Turkey.", "Berlin"),
    ("list joined by and twice", "Austria and Germany and the Netherlands said the accession "
     "talks should stop.", "Austria and Germany and the Netherlands"),
    ("a conjunction is no one", "“We are not done yet,” said and.", NARRATOR),
    ("keeps: comma after the adverbial", "On Thursday, the Kremlin said the ban would stay.",
     "Kremlin"),
    ("keeps: possessive place before a comma", "In Moscow’s view, Lavrov said the summit was "
     "useful.", "Sergei Lavrov"),
    ("keeps: place inside the subject", "The Foreign Ministry in Ankara said the visit was a "
     "success.", "Turkish Foreign Ministry"),
    ("keeps: title before a time", "Turkey’s president on Tuesday said the visit was a "
     "success.", "Recep Tayyip Erdogan"),
    ("keeps: a dated possessive names a thing", "Monday’s statement said the ban would stay.",
     "Monday’s statement"),
    ("keeps: a number starts the subject", "Two Turkish officials said the ban would stay.",
     "Two Turkish officials"),
    ("keeps: a name starting like a preposition", "Near East Consulting said the thaw was "
     "real.", "Near East Consulting"),
    ("keeps: a scene-setting clause", "After Lavrov said the talks had failed, Ankara "
     "recalled its envoy.", NARRATOR),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker"), [c[1:] for c in ADVERBIAL_CASES],
                         ids=[c[0] for c in ADVERBIAL_CASES])  # fmt: skip
def test_speaker_after_an_opening_adverbial(text: str, speaker: str) -> None:
    (found,) = attribute([text], JULY_2016, ACTORS)
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("text", "actor", "side"),
    [
        ("Late on Monday the Kremlin said the ban would stay.", "Kremlin", "Russia"),
        ("On Tuesday Germany said Ankara must respect the law.", "Germany", "West"),
        ("In a statement on Friday Russia said the talks were useful.", "Russia", "Russia"),
        ("On Tuesday senior Turkish officials said the talks would resume.", None, "Turkey"),
    ],
)
def test_opening_adverbial_keeps_actor_and_side(text: str, actor: str | None, side: str) -> None:
    (found,) = attribute([text], JULY_2016, ACTORS)
    assert (found.actor, found.side) == (actor, side)


def test_opening_adverbial_without_a_publication_date() -> None:
    (found,) = attribute(["Late on Monday the Kremlin said the ban would stay."], None, ACTORS)
    assert found.speaker == "Kremlin"


def test_list_joined_by_and_twice_has_every_member() -> None:
    (found,) = attribute(["Germany and France and Italy said talks must go on."], JULY_2016, ACTORS)
    assert found.members == ("Germany", "France", "Italy")


# A transcript's speaker labels (category: speaker labels in transcripts). An invented official
# of an invented country speaks, so that no remark is put in a real person's mouth.
_LOPEZ = Actor("Ana Lopez", "West", "vice president of Freedonia", "person", ("Ana Lopez",),
               (Title("Freedonian vice president"),))  # fmt: skip
LABEL_ACTORS = ActorDictionary([*ACTORS.actors.values(), _LOPEZ])
_PRESS = "Remarks by Vice President Ana Lopez and a Turkish minister at a press availability"
# (name, statements of one document, (speaker, side) of each statement)
LABEL_CASES = [
    ("title label named earlier, over the following paragraphs",
     [_PRESS, "THE VICE PRESIDENT:  I want to thank my hosts.", "We stand with Turkey.",
      "A Turkish minister said we are allies.", "We always were."],
     [(NARRATOR, None), ("Ana Lopez", "West"), ("Ana Lopez", "West"),
      ("A Turkish minister", "Turkey"), ("Ana Lopez", "West")]),
    ("surname label after an honorific",
     [_PRESS, "MS. LOPEZ:  Turkey is a friend.", "It always will be."],
     [(NARRATOR, None), ("Ana Lopez", "West"), ("Ana Lopez", "West")]),
    ("title with a side, with a note before the colon; a new label ends the turn",
     [_PRESS, "THE VICE PRESIDENT:  Thank you.", "TURKISH DEPUTY MINISTER (as interpreted):  We "
      "welcome our guest.", "Our ties are old."],
     [(NARRATOR, None), ("Ana Lopez", "West"), ("TURKISH DEPUTY MINISTER", "Turkey"),
      ("TURKISH DEPUTY MINISTER", "Turkey")]),
    ("a questioner's label gives the floor back",
     [_PRESS, "THE VICE PRESIDENT:  Thank you.", "Q:  Will the cleric be sent back?"],
     [(NARRATOR, None), ("Ana Lopez", "West"), (NARRATOR, None)]),
    ("must not fire: a dateline in capitals",
     ["ANKARA: The Turkish foreign ministry summoned the envoy.", "The talks were cut short."],
     [(NARRATOR, None), (NARRATOR, None)]),
    ("must not fire: a page word in capitals",
     ["BREAKING: Flights to Antalya resume.", "More seats were put on."],
     [(NARRATOR, None), (NARRATOR, None)]),
    ("must not fire: a headline all in capitals",
     ["FREEDONIAN VICE PRESIDENT: NO BREAK WITH ANKARA", "The visit went ahead."],
     [("Ana Lopez", "West"), (NARRATOR, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("statements", "expected"), [c[1:] for c in LABEL_CASES],
                         ids=[c[0] for c in LABEL_CASES])  # fmt: skip
def test_transcript_label(statements: list[str], expected: list[tuple[str, str | None]]) -> None:
    found = attribute(statements, AUGUST_2016, LABEL_ACTORS)
    assert [(a.speaker, a.side) for a in found] == expected


# A page that is one body's statement: its headline names the author, who says what no one else
# on the page says (category: author named by the headline of an official statement).
_TALKS = "Talks between the two delegations will resume next month."
HEADLINE_CASES = [
    ("the author says the narrated lines and 'they' is the author",
     ["Press statement by the Russian foreign ministry on the consular talks", _TALKS,
      "They also called on both sides to keep the border crossings open.",
      "The Turkish side asked for more time, a Turkish diplomat said."],
     [("Russian Foreign Ministry", "Russia"), ("Russian Foreign Ministry", "Russia"),
      ("Russian Foreign Ministry", "Russia"), ("a Turkish diplomat", "Turkey")]),
    ("after furniture, an author known by a title",
     ["Home > News", "Statement of the EU heads of state or government", _TALKS],
     [(NARRATOR, None), ("European Council", "West"), ("European Council", "West")]),
    ("must not fire: a news headline with a verb",
     ["Statement by Kremlin angers Ankara", _TALKS], [(NARRATOR, None), (NARRATOR, None)]),
    ("must not fire: an author with no side",
     ["Statement of the organisers", _TALKS], [(NARRATOR, None), (NARRATOR, None)]),
    ("must not fire: a transcript, whose labels say who speaks",
     ["Remarks by the Russian foreign ministry spokesman", "Q:  When?", _TALKS],
     [(NARRATOR, None), (NARRATOR, None), (NARRATOR, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("statements", "expected"), [c[1:] for c in HEADLINE_CASES],
                         ids=[c[0] for c in HEADLINE_CASES])  # fmt: skip
def test_author_headline(statements: list[str], expected: list[tuple[str, str | None]]) -> None:
    found = attribute(statements, AUGUST_2016, ACTORS)
    assert [(a.speaker, a.side) for a in found] == expected
