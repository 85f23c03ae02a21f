"""The statement segmenter and its boilerplate rules, on example text written for these tests."""

from __future__ import annotations

import random

import pytest

from tracker.models import (
    BOILERPLATE_KINDS,
    BYLINE,
    CAPTION,
    CREDIT,
    ID_LINE,
    PAGE,
    STATEMENT,
    Segment,
)
from tracker.text.boilerplate import (
    classify_lines,
    ends_with_picture_dateline,
    is_credit_line,
    is_id_line,
    is_sign_off,
)
from tracker.text.furniture import furniture_kind, opening_dateline
from tracker.text.segment import segment, statements

_BODY = "The two ministries signed the protocol in Ankara on Monday after a day of talks."
# Over the length at which a line counts as a paragraph, yet caption-sized (two sentences).
_LONG_CAPTION = (
    "• The foreign minister of one country, right, welcomes her counterpart from the other in"
    " the guest house of the presidential residence outside the capital on Tuesday morning."
    " The visiting minister travelled with a large delegation for the first time since the two"
    " governments broke off their regular consultations in the winter."
)

# (name, text, expected statement texts in order)
STATEMENT_CASES: list[tuple[str, str, list[str]]] = [
    ("empty", "", []),
    ("whitespace_only", "  \n\t \r\n \u2028 ", []),
    (
        "two_sentences",
        "Turkey and Russia agreed to resume talks. The ministers will meet again in May.",
        [
            "Turkey and Russia agreed to resume talks.",
            "The ministers will meet again in May.",
        ],
    ),
    (
        "abbr_st",
        "The leaders met in St. Petersburg on Tuesday. Both sides praised the talks.",
        ["The leaders met in St. Petersburg on Tuesday.", "Both sides praised the talks."],
    ),
    (
        "abbr_saint_in_a_capitals_dateline",
        "ST. PETERSBURG, Russia — The two leaders met on Tuesday. Both sides praised the talks.",
        [
            "ST. PETERSBURG, Russia — The two leaders met on Tuesday.",
            "Both sides praised the talks.",
        ],
    ),
    (
        "no_comment_reply_stays",
        "Asked about the deal, the spokesman said little. No comment.",
        ["Asked about the deal, the spokesman said little.", "No comment."],
    ),
    (
        "abbr_us_before_name",
        "The plan was backed by U.S. Secretary of State Kerry on Friday. Ankara said nothing.",
        ["The plan was backed by U.S. Secretary of State Kerry on Friday.", "Ankara said nothing."],
    ),
    (
        "abbr_us_ends_sentence",
        "The sanctions were criticised by the U.S. The move surprised Moscow.",
        ["The sanctions were criticised by the U.S.", "The move surprised Moscow."],
    ),
    (
        "abbr_uk_un_eu",
        "The U.K. and the E.U. urged restraint as the U.N. Security Council met. Ankara replied.",
        [
            "The U.K. and the E.U. urged restraint as the U.N. Security Council met.",
            "Ankara replied.",
        ],
    ),
    (
        "abbr_months_before_numbers",
        "The jet was downed on Nov. 24, 2015. Ties froze until Aug. 9 when the leaders met. "
        "Talks resumed in Sept. 2016 and again on Dec. 3 in Ankara.",
        [
            "The jet was downed on Nov. 24, 2015.",
            "Ties froze until Aug. 9 when the leaders met.",
            "Talks resumed in Sept. 2016 and again on Dec. 3 in Ankara.",
        ],
    ),
    (
        "abbr_months_jan_feb_oct",
        "Exports fell between Jan. 1 and Feb. 28 but recovered by Oct. 15, the ministry said.",
        ["Exports fell between Jan. 1 and Feb. 28 but recovered by Oct. 15, the ministry said."],
    ),
    (
        "abbr_titles",
        "Mr. Kaya and Mrs. Kaya arrived with Ms. Arslan and Dr. Aydin. "
        "Gen. Akar, Lt. Col. Demir and Sgt. Yilmaz stayed behind.",
        [
            "Mr. Kaya and Mrs. Kaya arrived with Ms. Arslan and Dr. Aydin.",
            "Gen. Akar, Lt. Col. Demir and Sgt. Yilmaz stayed behind.",
        ],
    ),
    (
        "abbr_political_titles",
        "Prof. Ozel told Sen. Smith, Rep. Jones and Gov. Brown that Pres. Demir would attend.",
        ["Prof. Ozel told Sen. Smith, Rep. Jones and Gov. Brown that Pres. Demir would attend."],
    ),
    (
        "abbr_no_vs_etc",
        "The note came from No. 10 on Monday. It set Turkey vs. Russia in a trade row. "
        "Tourism, energy, etc. were discussed. The talks lasted three hours.",
        [
            "The note came from No. 10 on Monday.",
            "It set Turkey vs. Russia in a trade row.",
            "Tourism, energy, etc. were discussed.",
            "The talks lasted three hours.",
        ],
    ),
    (
        "abbr_no_ends_answer",
        "Asked whether he would resign, he said No. Then he left the room.",
        ["Asked whether he would resign, he said No.", "Then he left the room."],
    ),
    (
        "abbr_company_suffixes",
        "Ali Demir Jr. Chairman of Acme Inc. Board Member Orion Co. Ltd and Delta Corp. "
        "Holding signed the deal. The ministry confirmed it.",
        [
            "Ali Demir Jr. Chairman of Acme Inc. Board Member Orion Co. Ltd and Delta Corp. "
            "Holding signed the deal.",
            "The ministry confirmed it.",
        ],
    ),
    (
        "initials",
        "George W. Bush and J. R. Smith both visited Ankara. Neither commented.",
        ["George W. Bush and J. R. Smith both visited Ankara.", "Neither commented."],
    ),
    (
        "initial_then_sentence_starter",
        "The fallback was known as Plan B. The details stayed secret.",
        ["The fallback was known as Plan B.", "The details stayed secret."],
    ),
    (
        "decimals",
        "Trade fell to $3.5 billion, down 12.7 percent. Officials expect 2.0 growth.",
        ["Trade fell to $3.5 billion, down 12.7 percent.", "Officials expect 2.0 growth."],
    ),
    (
        "time_abbreviation",
        "The deal was signed at 3 p.m. Moscow time. It ended at 5 p.m. The delegates left.",
        ["The deal was signed at 3 p.m. Moscow time.", "It ended at 5 p.m.", "The delegates left."],
    ),
    (
        "ellipsis_inside_quote",
        "“We waited... We waited again… Now we act,” the minister said. Reporters left.",
        ["“We waited... We waited again… Now we act,” the minister said.", "Reporters left."],
    ),
    (
        "ellipsis_never_ends",
        "He paused . . . Then he went on... The hall was silent.",
        ["He paused . . . Then he went on... The hall was silent."],
    ),
    (
        "quote_several_sentences_attribution_after",
        "“We will not accept this. Our position is clear. The sanctions must end,” "
        "the minister said. Moscow did not reply.",
        [
            "“We will not accept this. Our position is clear. The sanctions must end,” "
            "the minister said.",
            "Moscow did not reply.",
        ],
    ),
    (
        "quotes_with_attribution_in_a_row",
        "“Our ties are strong,” the envoy said. “We expect more visits,” he added.",
        ["“Our ties are strong,” the envoy said.", "“We expect more visits,” he added."],
    ),
    (
        "quote_ends_sentence_without_attribution",
        "The minister said: “We back the deal. It helps both countries.” Critics disagreed.",
        [
            "The minister said: “We back the deal. It helps both countries.”",
            "Critics disagreed.",
        ],
    ),
    (
        "quote_ends_at_paragraph",
        "He told reporters: “Our doors are open. We are ready.”\nThe visit ended on Friday.",
        [
            "He told reporters: “Our doors are open. We are ready.”",
            "The visit ended on Friday.",
        ],
    ),
    (
        "unclosed_quote_stops_at_paragraph",
        "“We will not accept this. Our position is clear.\n"
        "The talks went on. Both sides were upbeat.",
        [
            "“We will not accept this.",
            "Our position is clear.",
            "The talks went on.",
            "Both sides were upbeat.",
        ],
    ),
    (
        "straight_quotes",
        '"We want peace. We want trade," the ambassador said. Moscow welcomed the remarks.',
        [
            '"We want peace. We want trade," the ambassador said.',
            "Moscow welcomed the remarks.",
        ],
    ),
    (
        "single_curly_quotes",
        "The envoy said: ‘We are partners. We will stay partners.’ Russia agreed.",
        ["The envoy said: ‘We are partners. We will stay partners.’", "Russia agreed."],
    ),
    (
        "nested_quotes",
        "“Putin told me ‘we are ready. We will come.’ I believe him,” the envoy said. It rained.",
        [
            "“Putin told me ‘we are ready. We will come.’ I believe him,” the envoy said.",
            "It rained.",
        ],
    ),
    (
        "guillemets",
        "«We want peace. We want trade,» the ambassador said. Moscow welcomed the remarks.",
        [
            "«We want peace. We want trade,» the ambassador said.",
            "Moscow welcomed the remarks.",
        ],
    ),
    (
        "single_guillemets",
        "The envoy said: ‹We are partners. We will stay partners.› Russia agreed.",
        ["The envoy said: ‹We are partners. We will stay partners.›", "Russia agreed."],
    ),
    (
        "single_guillemet_opens_a_sentence",
        "The envoy said no more. ‹Patience› was his only word.",
        ["The envoy said no more.", "‹Patience› was his only word."],
    ),
    (
        "quote_with_question",
        "“Why should we wait?” the minister asked. Nobody answered! Was it a bluff? Nobody knew.",
        [
            "“Why should we wait?” the minister asked.",
            "Nobody answered!",
            "Was it a bluff?",
            "Nobody knew.",
        ],
    ),
    (
        "curly_apostrophes",
        "Turkey’s president isn’t worried. There’ll be more talks, Russia’s envoy said. "
        "The countries’ leaders met. ‘Progress’ was the word of the day.",
        [
            "Turkey’s president isn’t worried.",
            "There’ll be more talks, Russia’s envoy said.",
            "The countries’ leaders met.",
            "‘Progress’ was the word of the day.",
        ],
    ),
    (
        "straight_apostrophes",
        "Turkey's president isn't worried. Russia's envoy agreed. The ministers' talks ended.",
        [
            "Turkey's president isn't worried.",
            "Russia's envoy agreed.",
            "The ministers' talks ended.",
        ],
    ),
    (
        "dashes_inside_and_starting",
        "Relations – frozen since November – began to thaw. — The Kremlin confirmed it. "
        "Turkish-Russian trade - long stalled - grew.",
        [
            "Relations – frozen since November – began to thaw.",
            "— The Kremlin confirmed it.",
            "Turkish-Russian trade - long stalled - grew.",
        ],
    ),
    (
        "bullets_keep_their_dash",
        "– Putin and Erdogan meet in St. Petersburg\n– Sanctions to be lifted step by step",
        [
            "– Putin and Erdogan meet in St. Petersburg",
            "– Sanctions to be lifted step by step",
        ],
    ),
    (
        "non_ascii",
        "Erdoğan met Çavuşoğlu in İstanbul. Özil was absent. Şahin said nothing.",
        ["Erdoğan met Çavuşoğlu in İstanbul.", "Özil was absent.", "Şahin said nothing."],
    ),
    (
        "headline_then_body",
        "Moscow lifts charter ban, Ankara welcomes move\n\n"
        "Russia lifted its ban on charter flights. Turkey welcomed the step.",
        [
            "Moscow lifts charter ban, Ankara welcomes move",
            "Russia lifted its ban on charter flights.",
            "Turkey welcomed the step.",
        ],
    ),
    (
        "crlf_line_endings",
        "First paragraph here.\r\nSecond paragraph here. Third sentence.\r\n",
        ["First paragraph here.", "Second paragraph here.", "Third sentence."],
    ),
    (
        "other_line_breaks",
        "One paragraph.\rAnother one.\u2028A third.\x85A fourth.",
        ["One paragraph.", "Another one.", "A third.", "A fourth."],
    ),
    (
        "single_newline_is_paragraph",
        "Ankara confirmed the visit\nMoscow did not",
        ["Ankara confirmed the visit", "Moscow did not"],
    ),
    (
        "no_final_punctuation",
        "The talks ended. No deal was signed",
        ["The talks ended.", "No deal was signed"],
    ),
    (
        "surrounding_whitespace",
        "   Turkey agreed.   Russia agreed.  \t\n\n  \xa0Both leaders smiled.\xa0 ",
        ["Turkey agreed.", "Russia agreed.", "Both leaders smiled."],
    ),
    (
        "parenthesised_sentence",
        "Turkey said it agreed. (Russia did not comment.) The talks ended.",
        ["Turkey said it agreed.", "(Russia did not comment.)", "The talks ended."],
    ),
    (
        "sentence_starting_with_digit",
        "The jets crossed the border twice. 17 seconds was the longest incursion.",
        ["The jets crossed the border twice.", "17 seconds was the longest incursion."],
    ),
    (
        "numbered_list_lines",
        "1. Ankara restores flights.\n2. Moscow lifts the ban. Both sides gain 5. Then more.",
        [
            "1. Ankara restores flights.",
            "2. Moscow lifts the ban.",
            "Both sides gain 5.",
            "Then more.",
        ],
    ),
    (
        "lowercase_after_period_no_split",
        "The envoy, a former Gen. of the army, spoke at the U.N. on Monday.",
        ["The envoy, a former Gen. of the army, spoke at the U.N. on Monday."],
    ),
]

# (name, text, every segment as (kind, text) in order)
BOILERPLATE_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "id_line_dotted_number",
        "7.2468013-135792468\nTurkey and Russia resumed talks.",
        [(ID_LINE, "7.2468013-135792468"), (STATEMENT, "Turkey and Russia resumed talks.")],
    ),
    (
        "id_line_agency_code",
        "Ankara resumes talks with Moscow\nAA-20160815-4711\nThe talks resumed on Monday.",
        [
            (STATEMENT, "Ankara resumes talks with Moscow"),
            (ID_LINE, "AA-20160815-4711"),
            (STATEMENT, "The talks resumed on Monday."),
        ],
    ),
    (
        "id_line_hash_and_number",
        "c0ffee00deadbeef1234\n\n2016\nThe summit was held.",
        [(ID_LINE, "c0ffee00deadbeef1234"), (ID_LINE, "2016"), (STATEMENT, "The summit was held.")],
    ),
    (
        "caption_before_credit_line",
        "Erdogan greets supporters outside his palace.\nPhoto: AFP\nThe crowd cheered.",
        [
            (CAPTION, "Erdogan greets supporters outside his palace."),
            (CREDIT, "Photo: AFP"),
            (STATEMENT, "The crowd cheered."),
        ],
    ),
    (
        "caption_before_credit_across_blank_line",
        "The ministers shake hands in Sochi.\n\n(Photo by Jane Doe/Getty Images)\n\nBody text.",
        [
            (CAPTION, "The ministers shake hands in Sochi."),
            (CREDIT, "(Photo by Jane Doe/Getty Images)"),
            (STATEMENT, "Body text."),
        ],
    ),
    (
        "inline_caption_and_credit",
        "Putin greets Erdogan before talks in St Petersburg, Russia, August 9, 2016. "
        "Image Credit: REUTERS\n\nThe two leaders met for three hours.",
        [
            (
                CAPTION,
                "Putin greets Erdogan before talks in St Petersburg, Russia, August 9, 2016.",
            ),
            (CREDIT, "Image Credit: REUTERS"),
            (STATEMENT, "The two leaders met for three hours."),
        ],
    ),
    (
        "inline_agency_slash_credit",
        "Erdogan speaks in Ankara, Turkey, July 20, 2016. REUTERS/Jane Doe/File Photo\nBody.",
        [
            (CAPTION, "Erdogan speaks in Ankara, Turkey, July 20, 2016."),
            (CREDIT, "REUTERS/Jane Doe/File Photo"),
            (STATEMENT, "Body."),
        ],
    ),
    (
        "inline_credit_after_a_closing_guillemet",
        "An official told reporters: «Ties are frozen.» REUTERS/Jane Doe\nBody.",
        [
            (CAPTION, "An official told reporters: «Ties are frozen.»"),
            (CREDIT, "REUTERS/Jane Doe"),
            (STATEMENT, "Body."),
        ],
    ),
    (
        "inline_bracket_credit",
        "Putin and Erdogan shake hands in the palace [Jane Doe/Reuters]\nBody.",
        [
            (CAPTION, "Putin and Erdogan shake hands in the palace"),
            (CREDIT, "[Jane Doe/Reuters]"),
            (STATEMENT, "Body."),
        ],
    ),
    (
        "dateline_caption_at_top",
        "Soldiers patrol a square in Ankara, Turkey, July 16, 2016.\n"
        "Ankara: The government declared a state of emergency on Wednesday.",
        [
            (CAPTION, "Soldiers patrol a square in Ankara, Turkey, July 16, 2016."),
            (STATEMENT, "Ankara: The government declared a state of emergency on Wednesday."),
        ],
    ),
    (
        "dateline_caption_after_headline_and_id",
        "Turkey declares emergency\n1234567\n"
        "A soldier stands guard, in Ankara, Turkey, July 21, 2016.\nThe decree took effect.",
        [
            (STATEMENT, "Turkey declares emergency"),
            (ID_LINE, "1234567"),
            (CAPTION, "A soldier stands guard, in Ankara, Turkey, July 21, 2016."),
            (STATEMENT, "The decree took effect."),
        ],
    ),
    (
        "sentence_ending_in_date_in_body_is_not_caption",
        "Ankara: The minister flew to Moscow on Monday.\n"
        "The two ministers last met in Sochi, Russia, July 1, 2016.",
        [
            (STATEMENT, "Ankara: The minister flew to Moscow on Monday."),
            (STATEMENT, "The two ministers last met in Sochi, Russia, July 1, 2016."),
        ],
    ),
    (
        "lead_ending_in_plain_date_is_not_caption",
        "Russia lifted its ban on charter flights on June 30, 2016.\nTurkey welcomed it.",
        [
            (STATEMENT, "Russia lifted its ban on charter flights on June 30, 2016."),
            (STATEMENT, "Turkey welcomed it."),
        ],
    ),
    (
        "headline_before_credit_is_not_caption",
        "Putin hosts Erdogan in St Petersburg\nImage Credit: AFP\nThe two leaders met.",
        [
            (STATEMENT, "Putin hosts Erdogan in St Petersburg"),
            (CREDIT, "Image Credit: AFP"),
            (STATEMENT, "The two leaders met."),
        ],
    ),
    (
        "long_paragraph_before_credit_is_not_caption",
        "Ankara and Moscow agreed. Trade will grow. Flights will resume.\nGetty Images\nEnd.",
        [
            (STATEMENT, "Ankara and Moscow agreed."),
            (STATEMENT, "Trade will grow."),
            (STATEMENT, "Flights will resume."),
            (CREDIT, "Getty Images"),
            (STATEMENT, "End."),
        ],
    ),
    (
        "wire_sign_off_keeps_statement",
        "Talks will resume next week, officials said. (AFP)\nThe ministers agreed.\n- Reuters",
        [
            (STATEMENT, "Talks will resume next week, officials said."),
            (CREDIT, "(AFP)"),
            (STATEMENT, "The ministers agreed."),
            (CREDIT, "- Reuters"),
        ],
    ),
    (
        "prose_about_photos_is_not_credit",
        "Photo agencies were barred from the palace, officials said.\n"
        "Reuters reported the talks would resume. The picture: a handshake.",
        [
            (STATEMENT, "Photo agencies were barred from the palace, officials said."),
            (STATEMENT, "Reuters reported the talks would resume."),
            (STATEMENT, "The picture: a handshake."),
        ],
    ),
    (
        "caption_with_bracketed_name_comma_agency",
        "The ministers shake hands in Sochi. (Jane Doe, AP)\nThe talks lasted two hours.",
        [
            (CAPTION, "The ministers shake hands in Sochi."),
            (CREDIT, "(Jane Doe, AP)"),
            (STATEMENT, "The talks lasted two hours."),
        ],
    ),
    (
        "caption_with_photographer_and_organisation",
        "An airman refuels a tanker at the base, Turkey. John Roe/Air Force\nFlights resumed.",
        [
            (CAPTION, "An airman refuels a tanker at the base, Turkey."),
            (CREDIT, "John Roe/Air Force"),
            (STATEMENT, "Flights resumed."),
        ],
    ),
    (
        "caption_with_bracketed_photo_marker",
        "The foreign minister of Germany (Photo: Example Press)\nBerlin rejected the demand.",
        [
            (CAPTION, "The foreign minister of Germany"),
            (CREDIT, "(Photo: Example Press)"),
            (STATEMENT, "Berlin rejected the demand."),
        ],
    ),
    (
        "caption_opened_by_a_photo_marker",
        "Ties were restored in August after months of talks between the two capitals.\n"
        "photo: The two presidents shake hands in Ankara on 8 May (picture courtesy of the press"
        " office)",
        [
            (
                STATEMENT,
                "Ties were restored in August after months of talks between the two capitals.",
            ),
            (CAPTION, "photo: The two presidents shake hands in Ankara on 8 May"),
            (CREDIT, "(picture courtesy of the press office)"),
        ],
    ),
    (
        "link_list_after_related_label",
        "Ankara and Moscow signed a protocol on charter flights on Monday, officials said.\n"
        "Related articles\nMinisters meet to discuss grain exports\n"
        "The two sides agreed on quotas for the coming season and...\nEnvoy named for Brussels",
        [
            (
                STATEMENT,
                "Ankara and Moscow signed a protocol on charter flights on Monday, officials said.",
            ),
            (PAGE, "Related articles"),
            (PAGE, "Ministers meet to discuss grain exports"),
            (PAGE, "The two sides agreed on quotas for the coming season and..."),
            (PAGE, "Envoy named for Brussels"),
        ],
    ),
    (
        "link_list_ends_at_prose",
        "The talks ended on Friday without a joint statement from either delegation.\n"
        "Read more\nTalks stall over visas\nThe next round is due in March, the ministry said.",
        [
            (
                STATEMENT,
                "The talks ended on Friday without a joint statement from either delegation.",
            ),
            (PAGE, "Read more"),
            (PAGE, "Talks stall over visas"),
            (STATEMENT, "The next round is due in March, the ministry said."),
        ],
    ),
    (
        "subheading_between_paragraphs",
        "Moscow imposed a ban on charter flights and on imports of fruit in late November.\n"
        "Trade embargoes\nExporters lost most of their orders within weeks.",
        [
            (
                STATEMENT,
                "Moscow imposed a ban on charter flights and on imports of fruit in late November.",
            ),
            (PAGE, "Trade embargoes"),
            (STATEMENT, "Exporters lost most of their orders within weeks."),
        ],
    ),
    (
        "short_lines_before_the_body_are_not_subheadings",
        "Ties restored\nAnkara and Moscow agreed on Monday to restore charter flights in full.",
        [
            (STATEMENT, "Ties restored"),
            (STATEMENT, "Ankara and Moscow agreed on Monday to restore charter flights in full."),
        ],
    ),
    (
        "short_reporting_lines_in_the_body_stay",
        "Moscow imposed a ban on charter flights and on imports of fruit in late November.\n"
        "Talks resume.\n• Flights restart\n“We will not wait”\nEnvoys: no deal yet",
        [
            (
                STATEMENT,
                "Moscow imposed a ban on charter flights and on imports of fruit in late November.",
            ),
            (STATEMENT, "Talks resume."),
            (STATEMENT, "• Flights restart"),
            (STATEMENT, "“We will not wait”"),
            (STATEMENT, "Envoys: no deal yet"),
        ],
    ),
    (
        "reporting_with_place_and_date_is_not_furniture",
        "Soldiers patrol the streets of Ankara on Saturday, July 16, 2016, after the failed coup."
        "\nAnkara, Turkey\nBy Tuesday, the two ministers had agreed to meet again.",
        [
            (
                STATEMENT,
                "Soldiers patrol the streets of Ankara on Saturday, July 16, 2016, after the"
                " failed coup.",
            ),
            (BYLINE, "Ankara, Turkey"),
            (STATEMENT, "By Tuesday, the two ministers had agreed to meet again."),
        ],
    ),
    (
        "label_after_a_headline_full_stop",
        "Envoys agree to reopen the consulates, the ministry says. VIDEO\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates, the ministry says."),
            (PAGE, "VIDEO"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "repeated_headline_stored_once",
        "Envoys agree to reopen the consulates\nEnvoys agree to reopen the consulates\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (PAGE, "Envoys agree to reopen the consulates"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "headline_under_a_date_stamp",
        "date 2016-05-04 Envoys agree to reopen the consulates\n"
        "Envoys agree to reopen the consulates\n" + _BODY,
        [
            (BYLINE, "date 2016-05-04 Envoys agree to reopen the consulates"),
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "video_title_and_running_time",
        "Ministers meet in the capital\nTalks aim to rebuild the trade ties\n"
        "Talks aim to rebuild the trade ties 02:10\n" + _BODY,
        [
            (STATEMENT, "Ministers meet in the capital"),
            (PAGE, "Talks aim to rebuild the trade ties"),
            (PAGE, "Talks aim to rebuild the trade ties 02:10"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_printed_twice_above_its_credit",
        "Envoys agree to reopen the consulates\n"
        "Two ministers shake hands before the talks in Sochi.\n"
        "Two ministers shake hands before the talks in Sochi.\nPhoto: Example Wire\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (CAPTION, "Two ministers shake hands before the talks in Sochi."),
            (CAPTION, "Two ministers shake hands before the talks in Sochi."),
            (CREDIT, "Photo: Example Wire"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "headline_repeated_above_a_credit_keeps_the_headline",
        "Envoys agree to reopen the consulates\nEnvoys agree to reopen the consulates\n"
        "Photo: Example Wire\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (CAPTION, "Envoys agree to reopen the consulates"),
            (CREDIT, "Photo: Example Wire"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "short_headline_repeated",
        "Envoys meet again\nEnvoys meet again\n" + _BODY,
        [
            (STATEMENT, "Envoys meet again"),
            (PAGE, "Envoys meet again"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "short_repeats_in_a_transcript_stay",
        "Thank you very much.\nThank you very much.",
        [(STATEMENT, "Thank you very much."), (STATEMENT, "Thank you very much.")],
    ),
    (
        "headline_repeated_before_a_dash_stays",
        "Envoys agree to reopen the consulates\nEnvoys agree to reopen the consulates –\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (STATEMENT, "Envoys agree to reopen the consulates –"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "issuer_lines_between_labels",
        "Search\nThe Press Office\nOffice of the Spokesperson\nFor Immediate Release\n"
        "Remarks on the talks in Ankara\n" + _BODY,
        [
            (PAGE, "Search"),
            (PAGE, "The Press Office"),
            (PAGE, "Office of the Spokesperson"),
            (PAGE, "For Immediate Release"),
            (STATEMENT, "Remarks on the talks in Ankara"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "place_line_above_a_dateline",
        "Remarks on the talks in Ankara\nPresidential Guest House\nAnkara, Turkey\n" + _BODY,
        [
            (STATEMENT, "Remarks on the talks in Ankara"),
            (BYLINE, "Presidential Guest House"),
            (BYLINE, "Ankara, Turkey"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        # A few capitalised words under the byline, with a headline above: a section or
        # kicker label (the lead-in has one headline), not a name line's issuer.
        "short_label_between_byline_and_body",
        "Envoys agree to reopen the consulates\nBy Jane Doe\nNew Visa Regime\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (BYLINE, "By Jane Doe"),
            (PAGE, "New Visa Regime"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "short_title_case_headline_first_stays",
        "Envoys Meet Again\nUpdated Oct 3, 2016\n" + _BODY,
        [
            (STATEMENT, "Envoys Meet Again"),
            (BYLINE, "Updated Oct 3, 2016"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_after_its_credit",
        "Envoys meet for first talks since the crisis\n"
        "The two ministers will hold talks in Ankara on Friday, their first meeting in a year.\n"
        "Photo by: Example Wire\n"
        "The foreign minister speaks at a news conference in the capital.\n"
        "Updated Oct 3, 2016\n" + _BODY,
        [
            (STATEMENT, "Envoys meet for first talks since the crisis"),
            (
                STATEMENT,
                "The two ministers will hold talks in Ankara on Friday, their first meeting in a"
                " year.",
            ),
            (CREDIT, "Photo by: Example Wire"),
            (CAPTION, "The foreign minister speaks at a news conference in the capital."),
            (BYLINE, "Updated Oct 3, 2016"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "verbless_caption_above_credit_stays_the_caption",
        "Envoys meet for first talks since the crisis\nThe two ministers in Sochi on Monday.\n"
        "Photo: Example Wire\nThe minister meets reporters after the talks ended without a deal.",
        [
            (STATEMENT, "Envoys meet for first talks since the crisis"),
            (CAPTION, "The two ministers in Sochi on Monday."),
            (CREDIT, "Photo: Example Wire"),
            (STATEMENT, "The minister meets reporters after the talks ended without a deal."),
        ],
    ),
    (
        "caption_placing_people",
        "Envoys agree to reopen the consulates\n"
        "The foreign minister, left, greets her counterpart before the talks in Sochi.\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (
                CAPTION,
                "The foreign minister, left, greets her counterpart before the talks in Sochi.",
            ),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_placing_people_in_brackets",
        "Envoys agree to reopen the consulates\nJane Doe (R) greets John Roe in Sochi.\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (CAPTION, "Jane Doe (R) greets John Roe in Sochi."),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "long_caption_placing_people_over_the_lead",
        "Envoys agree to reopen the consulates\n" + _LONG_CAPTION + "\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (CAPTION, _LONG_CAPTION),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "left_in_reporting_is_no_position",
        "Envoys agree to reopen the consulates\n"
        "The minister left, and the talks in Sochi broke up without a statement.",
        [
            (STATEMENT, "Envoys agree to reopen the consulates"),
            (
                STATEMENT,
                "The minister left, and the talks in Sochi broke up without a statement.",
            ),
        ],
    ),
    (
        "teaser_sentences_between_list_labels",
        _BODY + "\nRelated articles\nMinisters meet on grain exports\n"
        "The two sides agreed on quotas for the season, officials said.\nEditor's choice\n"
        "News\nEnvoys will meet again in the spring after a year of silence.",
        [
            (STATEMENT, _BODY),
            (PAGE, "Related articles"),
            (PAGE, "Ministers meet on grain exports"),
            (PAGE, "The two sides agreed on quotas for the season, officials said."),
            (PAGE, "Editor's choice"),
            (PAGE, "News"),
            (PAGE, "Envoys will meet again in the spring after a year of silence."),
        ],
    ),
]

# Second round of page furniture: structural cues (category: text that is not a statement).
_PARA = "Officials from both sides said on Tuesday that the working groups would meet in June."
BOILERPLATE_CASES += [
    (
        "related_headline_between_paragraphs",
        f"Envoys agree to meet again\n{_BODY}\nGrain deal hopes rise as ferries return\n{_PARA}",
        [
            (STATEMENT, "Envoys agree to meet again"),
            (STATEMENT, _BODY),
            (PAGE, "Grain deal hopes rise as ferries return"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "video_title_with_programme_between_paragraphs",
        f"{_BODY}\nA thaw on the border - The Weekly Roundup\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (PAGE, "A thaw on the border - The Weekly Roundup"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "related_headline_with_a_late_colon",
        f"{_BODY}\nFerry line to reopen next month: port authority - Example Wire\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (PAGE, "Ferry line to reopen next month: port authority - Example Wire"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "bullet_point_in_the_body_stays",
        f"{_BODY}\n• Charter flights resume from the capital in June\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (STATEMENT, "• Charter flights resume from the capital in June"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "quotation_without_full_stop_in_the_body_stays",
        f"{_BODY}\n“We will not accept conditions from anyone”\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (STATEMENT, "“We will not accept conditions from anyone”"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "speaker_label_in_the_body_stays",
        f"{_BODY}\nQ: And the visa question\n{_PARA}",
        [(STATEMENT, _BODY), (STATEMENT, "Q: And the visa question"), (STATEMENT, _PARA)],
    ),
    (
        "hard_wrapped_paragraph_stays",
        f"{_BODY}\nThe ministers agreed to keep the\nworking groups open until the end of\n"
        "the year, a spokesman said.",
        [
            (STATEMENT, _BODY),
            (STATEMENT, "The ministers agreed to keep the"),
            (STATEMENT, "working groups open until the end of"),
            (STATEMENT, "the year, a spokesman said."),
        ],
    ),
    (
        "unpunctuated_line_before_a_lower_case_continuation_stays",
        f"{_BODY}\nThe border crossing reopened on Monday\nafter a week of repairs.",
        [
            (STATEMENT, _BODY),
            (STATEMENT, "The border crossing reopened on Monday"),
            (STATEMENT, "after a week of repairs."),
        ],
    ),
    (
        "section_label_above_the_headline",
        f"Wire digest\nEnvoys agree to reopen the two consulates\n{_BODY}",
        [
            (PAGE, "Wire digest"),
            (STATEMENT, "Envoys agree to reopen the two consulates"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "release_number_and_place_under_the_headline",
        f"Joint statement of the two delegations\nPress Note 41/2016\nGeneva\n{_BODY}",
        [
            (STATEMENT, "Joint statement of the two delegations"),
            (PAGE, "Press Note 41/2016"),
            (PAGE, "Geneva"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "short_headline_alone_stays",
        f"Talks resume\n{_BODY}",
        [(STATEMENT, "Talks resume"), (STATEMENT, _BODY)],
    ),
    (
        "comment_form_to_the_end",
        f"{_BODY}\nLeave a Reply\nName and e-mail are needed to post\nBe polite to other readers"
        "\nThis is the worst deal ever made",
        [
            (STATEMENT, _BODY),
            (PAGE, "Leave a Reply"),
            (PAGE, "Name and e-mail are needed to post"),
            (PAGE, "Be polite to other readers"),
            (PAGE, "This is the worst deal ever made"),
        ],
    ),
    (
        "comment_link_above_the_body_swallows_nothing",
        f"Envoys agree to meet again\nLeave a comment\n{_BODY}\n{_PARA}",
        [
            (STATEMENT, "Envoys agree to meet again"),
            (PAGE, "Leave a comment"),
            (STATEMENT, _BODY),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "other_script_on_an_english_page",
        f"{_BODY}\nПожалуйста, соблюдайте правила обсуждения.",
        [(STATEMENT, _BODY), (PAGE, "Пожалуйста, соблюдайте правила обсуждения.")],
    ),
    (
        "page_in_another_script_stays",
        "Министры встретились в Анкаре.\nПереговоры продолжатся в июне.",
        [
            (STATEMENT, "Министры встретились в Анкаре."),
            (STATEMENT, "Переговоры продолжатся в июне."),
        ],
    ),
    (
        "picture_text_cut_mid_word_above_its_caption",
        "Two envoys shake hands at the start of the tal\n"
        "Two envoys shake hands at the start of the talks in Sochi, Russia, May 4, 2016.\n" + _BODY,
        [
            (CAPTION, "Two envoys shake hands at the start of the tal"),
            (
                CAPTION,
                "Two envoys shake hands at the start of the talks in Sochi, Russia, May 4, 2016.",
            ),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_printed_twice_in_a_row",
        "Guards stand at the gate of the embassy during the ceremony in Ankara.\n"
        "Guards stand at the gate of the embassy during the ceremony in Ankara.\n" + _BODY,
        [
            (CAPTION, "Guards stand at the gate of the embassy during the ceremony in Ankara."),
            (CAPTION, "Guards stand at the gate of the embassy during the ceremony in Ankara."),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "headline_repeated_with_a_dash_stays",
        "Envoys agree to meet again\nEnvoys agree to meet again –\n" + _BODY,
        [
            (STATEMENT, "Envoys agree to meet again"),
            (STATEMENT, "Envoys agree to meet again –"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "headline_with_a_speaker_label_above_a_credit_stays",
        "Section page\nMinistry: talks with the neighbours will go on\nPhoto: Example Wire\n"
        + _BODY,
        [
            (PAGE, "Section page"),
            (STATEMENT, "Ministry: talks with the neighbours will go on"),
            (CREDIT, "Photo: Example Wire"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "picture_note_without_a_verb",
        f"{_BODY}\nPicture of the envoy from the embassy’s photostream.",
        [(STATEMENT, _BODY), (CAPTION, "Picture of the envoy from the embassy’s photostream.")],
    ),
    (
        "sentence_about_photos_stays",
        f"{_BODY}\nPhotos of the signing were released by the ministry.",
        [(STATEMENT, _BODY), (STATEMENT, "Photos of the signing were released by the ministry.")],
    ),
    (
        "verbless_caption_before_a_wire_name",
        f"{_BODY}\nThe air base near the southern border. AP\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (CAPTION, "The air base near the southern border."),
            (CREDIT, "AP"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "paragraph_before_a_wire_name_stays",
        f"{_BODY}\nThe base will stay open, officials said. AP\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (STATEMENT, "The base will stay open, officials said."),
            (CREDIT, "AP"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "caption_with_a_bracketed_agency",
        f"{_BODY}\nA file picture of the two leaders (Getty Images)\n{_PARA}",
        [
            (STATEMENT, _BODY),
            (CAPTION, "A file picture of the two leaders"),
            (CREDIT, "(Getty Images)"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "caption_whose_credit_follows_a_date",
        "Envoys meet for the first time in a year\n"
        "The two ministers, left, talk before their meeting in Sochi, Tuesday, Jan. 5, 2016."
        " (Jane Doe, Pool Photo via AP)\nJane Doe, Pool Photo via AP\n" + _BODY,
        [
            (STATEMENT, "Envoys meet for the first time in a year"),
            (
                CAPTION,
                "The two ministers, left, talk before their meeting in Sochi, Tuesday, Jan. 5,"
                " 2016.",
            ),
            (CREDIT, "(Jane Doe, Pool Photo via AP)"),
            (CREDIT, "Jane Doe, Pool Photo via AP"),
            (STATEMENT, _BODY),
        ],
    ),
]

# Structures of a page, not words of an outlet: runs of titles, records, comment threads, pull
# quotes, captions that name their picture or open with their credit.
# Titles longer than a subheading or a lone title between paragraphs (over twelve words).
_TITLE_A = "Border crossing between the two countries to reopen next month after a year of closure"
_TITLE_B = "Envoys trade barbs over an airspace incident as the defence ministers prepare to meet"
_TITLE_C = "Tourist numbers fall for the third month running as charter flights stay on the ground"
BOILERPLATE_CASES += [
    (
        "titles_in_a_run_after_the_body_are_links",
        f"Ankara and Moscow restore ties\n{_BODY}\n{_PARA}\n{_TITLE_A}\n3 hours ago\n"
        f"{_TITLE_B}\n{_TITLE_C}",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (STATEMENT, _PARA),
            (PAGE, _TITLE_A),
            (BYLINE, "3 hours ago"),
            (PAGE, _TITLE_B),
            (PAGE, _TITLE_C),
        ],
    ),
    (
        "titles_cut_off_by_an_ellipsis_in_a_run",
        f"Ankara and Moscow restore ties\n{_BODY}\nEnvoys trade barbs over the airspace...\n"
        "Talks on the pipeline stall again as both sides…",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (PAGE, "Envoys trade barbs over the airspace..."),
            (PAGE, "Talks on the pipeline stall again as both sides…"),
        ],
    ),
    (
        "short_lines_after_a_colon_are_the_articles_list",
        f"Ankara and Moscow restore ties\n{_BODY}\nThe protocol names three steps:\n"
        "Charter flights from June\nA joint commission on trade\nNew visa rules for drivers",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (STATEMENT, "The protocol names three steps:"),
            (STATEMENT, "Charter flights from June"),
            (STATEMENT, "A joint commission on trade"),
            (STATEMENT, "New visa rules for drivers"),
        ],
    ),
    (
        "timeline_entries_opened_by_dates_are_kept",
        f"Ankara and Moscow restore ties\n{_BODY}\n"
        "Nov 24 Turkish jets shoot down a bomber near the border\n"
        "Nov 28 Moscow signs a decree on sanctions",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (STATEMENT, "Nov 24 Turkish jets shoot down a bomber near the border"),
            (STATEMENT, "Nov 28 Moscow signs a decree on sanctions"),
        ],
    ),
    (
        "one_headline_printed_twice_in_the_body_is_no_list",
        f"Ankara and Moscow restore ties\n{_BODY}\n{_TITLE_A}\n{_TITLE_A}\n{_PARA}",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (STATEMENT, _TITLE_A),
            (PAGE, _TITLE_A),  # the repeat, stored once
            (STATEMENT, _PARA),
        ],
    ),
    (
        "record_fields_in_a_run_over_the_body",
        "Ankara and Moscow restore ties\nPrinted in: Example Weekly Review\n"
        f"Rubric: Foreign and Security Desk\nWords: 840\n{_BODY}",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (PAGE, "Printed in: Example Weekly Review"),
            (PAGE, "Rubric: Foreign and Security Desk"),
            (PAGE, "Words: 840"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "speaker_labels_with_sentences_are_no_record",
        f"Ankara and Moscow restore ties\n{_BODY}\nMINISTER: We will meet again.\n"
        "REPORTER: When exactly?",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (STATEMENT, "MINISTER: We will meet again."),
            (STATEMENT, "REPORTER: When exactly?"),
        ],
    ),
    (
        "a_readers_comment_after_its_signature",
        f"Ankara and Moscow restore ties\n{_BODY}\nreader_77 says:\n"
        "March 3, 2016 at 9:12 pm\n" + _LONG_CAPTION.lstrip("• "),
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (PAGE, "reader_77 says:"),
            (PAGE, "March 3, 2016 at 9:12 pm"),
            (PAGE, _LONG_CAPTION.lstrip("• ")),
        ],
    ),
    (
        "comments_after_a_comment_count",
        f"Ankara and Moscow restore ties\n{_BODY}\n4 Responses\nGood riddance to both of them.",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (PAGE, "4 Responses"),
            (PAGE, "Good riddance to both of them."),
        ],
    ),
    (
        "pull_quote_and_its_attribution",
        "Ankara and Moscow restore ties\n"
        "“We want the old level of trade back within two years, and we will work for it,” a"
        " ministry spokesman said.\n"
        "We want the old level of trade back within two years, and we will work for it.\n"
        "- Deputy Minister Jane Doe\n" + _PARA,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (
                STATEMENT,
                "“We want the old level of trade back within two years, and we will work for"
                " it,” a ministry spokesman said.",
            ),
            (
                PAGE,
                "We want the old level of trade back within two years, and we will work for it.",
            ),
            (PAGE, "- Deputy Minister Jane Doe"),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "a_sentence_repeated_without_quotation_marks_is_kept",
        "Ankara and Moscow restore ties\n"
        "The ministers met in Sochi on Monday and agreed on a timetable for the talks.\n"
        "They agreed on a timetable for the talks and a date for the next round.\n" + _PARA,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (
                STATEMENT,
                "The ministers met in Sochi on Monday and agreed on a timetable for the talks.",
            ),
            (
                STATEMENT,
                "They agreed on a timetable for the talks and a date for the next round.",
            ),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "caption_opened_by_its_credit_and_a_bar",
        "Ankara and Moscow restore ties\n"
        "Jane Doe / AFP | The foreign minister listens to a speech in the capital on May 4, 2016.\n"
        + _BODY,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (
                CAPTION,
                "Jane Doe / AFP | The foreign minister listens to a speech in the capital on May"
                " 4, 2016.",
            ),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_naming_its_picture_before_a_sign_off",
        "Ankara and Moscow restore ties\n"
        "Smoke rises over the hills near the border, as seen in this still image taken from"
        " video on March 2, 2016. (Reuters)\n" + _BODY,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (
                CAPTION,
                "Smoke rises over the hills near the border, as seen in this still image taken"
                " from video on March 2, 2016.",
            ),
            (CREDIT, "(Reuters)"),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "caption_naming_its_picture",
        f"Ankara and Moscow restore ties\n{_BODY}\n"
        "Rescue teams search the hillside near the border in this handout picture released by"
        " the ministry.\n" + _PARA,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (
                CAPTION,
                "Rescue teams search the hillside near the border in this handout picture"
                " released by the ministry.",
            ),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "caption_with_an_abbreviated_month_cut_off",
        "Ankara and Moscow restore ties\n"
        "The two ministers, left, shake hands after talks in the capital on Tuesday, Aug. 9, 2016."
        " The minister travels on to\n" + _BODY,
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (
                CAPTION,
                "The two ministers, left, shake hands after talks in the capital on Tuesday, Aug."
                " 9, 2016. The minister travels on to",
            ),
            (STATEMENT, _BODY),
        ],
    ),
    (
        "headline_after_a_more_label_is_a_link",
        f"Ankara and Moscow restore ties\n{_BODY}\nMore in Europe\n{_TITLE_A}\n{_PARA}",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (PAGE, "More in Europe"),
            (PAGE, _TITLE_A),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "subheading_with_a_verb_opens_no_list",
        f"Ankara and Moscow restore ties\n{_BODY}\nMore talks planned\n{_TITLE_A}\n{_PARA}",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _BODY),
            (PAGE, "More talks planned"),
            (STATEMENT, _TITLE_A),
            (STATEMENT, _PARA),
        ],
    ),
    (
        "paragraph_with_a_sign_off_stays_a_statement",
        f"Ankara and Moscow restore ties\n{_PARA} (Reuters)",
        [
            (STATEMENT, "Ankara and Moscow restore ties"),
            (STATEMENT, _PARA),
            (CREDIT, "(Reuters)"),
        ],
    ),
]

# (name, line, kind): page furniture recognised on the line alone (not the first line).
FURNITURE_LINES: list[tuple[str, str, str]] = [
    ("date_stamp_weekday_time_zone", "Friday, March 4 2016 09:15 CET", BYLINE),
    ("date_stamp_updated", "Updated Oct 3, 2016", BYLINE),
    ("date_stamp_posted_time", "Posted: Aug 2, 2016 4:05 PM", BYLINE),
    ("date_stamp_bracketed", "(September 12, 2016)", BYLINE),
    ("date_stamp_read_count", "12 May 2016    Read: 2041", BYLINE),
    ("date_stamp_time_local", "10:05 A.M. (Local)", BYLINE),
    ("byline_plain", "By Jane Doe", BYLINE),
    ("byline_two_names", "By Jane Doe and John Roe", BYLINE),
    (
        "byline_outlet_and_update",
        "By Example Wire | Daily Example | Updated: 2016-05-04 10:21",
        BYLINE,
    ),
    ("byline_name_and_dates", "Jane Doe  | 04.05.2016 - Update : 05.05.2016", BYLINE),
    ("dateline_capitals", "ANKARA", BYLINE),
    ("dateline_capitals_dotted", "ST. PETERSBURG", BYLINE),
    ("dateline_place_country", "Sochi, Russia", BYLINE),
    ("label_advertisement_numbered", "Advertisement 3", PAGE),
    ("label_story_continues", "Story continues below", PAGE),
    ("label_share_this", "Share this:", PAGE),
    ("label_read_more_caps", "READ MORE", PAGE),
    ("label_comments", "Post a Comment", PAGE),
    ("label_story_highlights", "Story highlights", PAGE),
    ("label_release", "For Immediate Release", PAGE),
    ("label_photo_alone", "Photo", PAGE),
    (
        "label_read_more_with_headline",
        "Read more: Envoys to meet again after grain talks stall",
        PAGE,
    ),
    ("label_read_also_bracketed", "(Read also: Holiday bookings climb as ties improve)", PAGE),
    ("label_source_short", "Source: Example News", PAGE),
    ("label_recommended_quoted_title", 'Recommended: "Neighbours by necessity"', PAGE),
    ("share_bar_run_together", "FacebookXTwitterEmailShare", PAGE),
    ("share_bar_separated", "Facebook | Twitter | WhatsApp | Email", PAGE),
    (
        "plea_newsletter",
        "Sign up for our newsletter and get the day's top stories in your inbox.",
        PAGE,
    ),
    (
        "plea_subscriber",
        "As a subscriber, you can gift five articles a month to your friends.",
        PAGE,
    ),
    ("plea_send_us", "Send us your pictures and your stories", PAGE),
    ("plea_click_here", "Click here for our comment rules", PAGE),
    ("plea_logged_in", "You must be logged in to post a comment.", PAGE),
    ("keywords_list", "Ankara, Moscow, letter, sanctions, tourism, gas, pipeline", PAGE),
    ("breadcrumb", "World, Europe, Turkey", PAGE),
    ("source_domain_bracketed", "[example.com]", PAGE),
    ("source_url_after_label", "Origin: https://example.com/news/123", PAGE),
    ("headline_question", "Why is Ankara looking east?", PAGE),
    ("search_widget_question", "Can't find what you're looking for?", PAGE),
    ("navigation_open_close", "Open menu Close menu", PAGE),
    ("navigation_section_words", "Latest news World", PAGE),
    ("navigation_run_together", "Show commentsHide comments", PAGE),
    (
        "promotion_imperative",
        "Unlock the full archive and enjoy an ad-free reading experience.",
        PAGE,
    ),
    ("promotion_app", "Download our app for instant access to breaking stories", PAGE),
    ("promotion_offer_bullet", "• Unlimited ad-free access to all our stories", PAGE),
    (
        "promotion_after_a_label",
        "Special offer: Subscribe today and read every story without limits",
        PAGE,
    ),
    (
        "site_notice_archive",
        "This page is archived and is no longer updated; some links may not work.",
        PAGE,
    ),
    (
        "site_notice_quoting_its_label",
        "This is an “archived” record. The website is no longer updated.",
        PAGE,
    ),
    ("site_notice_cookies", "This website uses cookies to count its readers.", PAGE),
    ("reported_by_citing", "This was reported by Example.net citing Daily Example.", PAGE),
    (
        "reported_by_with_reference",
        "It is reported by Example Wire with reference to Radio Example.",
        PAGE,
    ),
    (
        "earlier_by_own_site",
        "As reported earlier by example.com, Envoys agree to meet after the holiday.",
        PAGE,
    ),
    ("presentation_main_points", "Here are the main points of the minister's speech:", PAGE),
    ("presentation_below", "Below is the full text of the joint declaration:", PAGE),
    ("video_title_running_time", "Envoys meet after months of silence 01:58", PAGE),
    ("video_file_slug", "envoys ankara talks clip_00451", PAGE),
    ("skip_link_numbered", "2. Skip to navigation", PAGE),
    ("skip_link_plain", "Skip to the search box", PAGE),
    ("you_are_here_trail", "You are here:  Home / World", PAGE),
    ("breadcrumb_from_home", "Home > World > Europe > Envoys agree to meet again", PAGE),
    ("breadcrumb_run_together", "HomeNewsWorld» Envoys agree to meet again", PAGE),
    (
        "ticker_of_headlines",
        "Grain exports climb • Ferry line reopens • Talks resume in the capital",
        PAGE,
    ),
    ("pagination", "Page 2 of 7", PAGE),
    ("pagination_with_link", "page 3 of 12 go to page", PAGE),
    ("byline_agency_and_date", "Example Wire, March 3, 2016", BYLINE),
    ("byline_with_font_control", "Example Wire, March 3, 2016 Adjust font size:", BYLINE),
    ("byline_name_run_into_update", "Jane DoeLast Update : Monday 9 May 2016 - 4:10 PM", BYLINE),
    ("source_run_into_date", "Daily ExampleDaily Example on 2016-05-09 07:15", BYLINE),
    ("date_stamp_and_updated", "and last updated 2016-05-09 10:02:11-04", BYLINE),
    ("byline_without_a_name", "By Published on May 9, 2016", BYLINE),
    (
        "comment_form_email",
        "Your email address will not be published. Required fields are marked *",
        PAGE,
    ),
    ("comment_rules_label", "Comment rules:", PAGE),
    # Date stamps with a label or a day "of" a month.
    ("date_stamp_today_label", "Today: Tuesday, 3 May 2016 year", BYLINE),
    ("date_stamp_day_of_month", "Thursday 12 of May 2016", BYLINE),
    # A metadata row cut at its bar, a byline naming roles.
    ("meta_row_cut_at_bar", "- Example Wire, Sochi (Russia) |", BYLINE),
    ("byline_by_role", "JANE DOE, Example Wire Diplomatic Writer JOHN ROE, Staff Reporter", BYLINE),
    ("source_label_alone", "Story source:", PAGE),
    ("pull_quote_attribution", "- Deputy Foreign Minister Jane Doe", PAGE),
    # Counters beside a story.
    ("counter_read_time", "3 min read", BYLINE),
    ("counter_hours_ago", "2 hours ago", BYLINE),
    ("counter_comments", "12 Comments", PAGE),
    ("counter_views", "1.2K views", PAGE),
    ("share_bar_with_counts", "Share 0 Tweet 0 Pin 0", PAGE),
    ("share_bar_google_plus", "Facebook Twitter Google+ Email", PAGE),
    (
        "wire_redistribution_notice",
        "This material may not be published, broadcast, rewritten or redistributed.",
        PAGE,
    ),
    ("post_signature", "— Jane Doe (@janedoe_news) May 3, 2016", PAGE),
    ("record_field", "Category: World", PAGE),
    ("record_field_language", "Language: English", PAGE),
    ("plea_click_here_at_the_end", "For the full text of the agreement, click here.", PAGE),
    ("crumb_tail_after_a_colon", ": Envoys meet again in the capital", PAGE),
    (
        "read_more_run_into_a_headline",
        "Read more Envoys meet again after the grain talks stall",
        PAGE,
    ),
]

# (name, line): reporting that looks like furniture; none of the rules may fire.
NOT_FURNITURE_LINES: list[tuple[str, str]] = [
    (
        "sentence_opening_with_by_and_a_day",
        "By Tuesday, the two ministers had agreed to meet again.",
    ),
    ("date_then_reporting", "June 30, 2016: Russia lifts the ban on package tours"),
    ("headline_with_comma_and_verb", "Ankara, Moscow agree to restore charter flights"),
    ("question_opened_by_conjunction", "But how far can the thaw between the two capitals go?"),
    ("quoted_question", "“Can we still trust our allies?” the minister asked."),
    (
        "long_question",
        "Will the two governments manage to restore the trade volume they had before the crisis?",
    ),
    ("read_more_in_prose", "Read more about the deal in the ministry's statement, officials said."),
    (
        "speaker_addresses_you",
        "You have to share the burden with your allies, the envoy told reporters.",
    ),
    ("quoted_you", "“You must subscribe to the rules of the alliance,” the official said."),
    ("list_sentence", "Tourism, energy, trade, construction, farming and defence were discussed."),
    ("domain_in_prose", "The decree was published on example.com on Monday, the agency said."),
    (
        "source_with_a_sentence",
        "Source: a senior official said the talks would resume after the holiday.",
    ),
    ("email_word_in_prose", "Email exchanges show the deal was close"),
    (
        "reporting_caption_like",
        "Soldiers patrol the streets of Ankara on Saturday after the failed coup.",
    ),
    ("headline", "Putin hosts Erdogan in St Petersburg"),
    ("transcript_speaker_label", "THE MINISTER: We have agreed to resume the talks."),
    ("short_denial", "Russia said no."),
    ("one_line_quote", "“We will not be lectured by anyone,” the spokesman said."),
    ("section_words_in_a_sentence", "The news feed was closed by the regulator on Monday."),
    ("headline_opening_with_section_words", "Top officials open talks in the capital"),
    ("imperative_in_reporting", "Join the coalition or face isolation, the envoy warned Ankara."),
    ("promotion_word_in_reporting", "Exclusive access to the base was granted to inspectors."),
    ("offer_word_in_a_bullet_of_news", "• Free trade talks resume in the capital"),
    ("access_in_a_bullet_of_news", "• Full access to the border crossing was restored on Monday."),
    ("website_in_reporting", "The ministry's website published the decree on Monday."),
    ("reported_by_with_content", "It was reported by state media that the talks would resume."),
    ("reported_earlier_in_prose", "As reported earlier, the two ministers met in Sochi."),
    ("here_is_in_a_quote_line", "Here is what we will do: restore the flights."),
    ("time_in_a_headline", "Talks to resume at 10:30"),
    ("title_case_headline_ending_in_a_date", "Envoys To Meet In Ankara On May 9, 2016"),
    ("greater_than_in_prose", "Exports > imports for the first time, the ministry said."),
    (
        "facts_joined_by_bullets_with_full_stops",
        "• Talks resumed. • Flights return. • Tourists come back.",
    ),
    ("page_in_prose", "The decree runs to page 14 of 20, the ministry said."),
    ("skip_in_prose", "Skip to the end, the envoy told the committee."),
    ("by_and_a_date_in_prose", "By May 9, 2016, the flights had resumed."),
    # Must not be taken for bylines, labels, counters or record fields.
    ("role_word_in_a_headline", "Editor of an opposition daily detained in the capital"),
    (
        "role_word_in_a_sentence",
        "A staff reporter was refused entry at the border, the union said.",
    ),
    ("sources_closing_a_sentence_lead_in", "Officials cited sources:"),
    ("dash_then_a_sentence", "- The ministry will reply on Monday"),
    ("count_of_people_in_a_headline", "12 soldiers wounded in a clash near the border"),
    ("field_label_with_a_long_value", "Economy: trade falls by a third after the ban"),
    ("field_label_with_a_verb", "Region: the talks collapsed again"),
    ("seen_in_prose", "The deal was seen in a new light after the photo was published."),
    ("today_in_prose", "Today, the two ministers meet again in the capital."),
    ("read_more_in_a_sentence", "Read more into the decree than it says, the envoy warned."),
    ("here_in_a_quote", "“Click here and you will see the map,” the spokesman told reporters."),
]

CREDIT_LINES = [
    "Image Credit: REUTERS",
    "Photo: AFP",
    "Photograph: Jane Doe/AP",
    "(Photo by John Roe/Anadolu Agency/Getty Images)",
    "Picture: Reuters",
    "File photo",
    "Getty Images",
    "Credit: AP",
    "© Reuters",
    "AP Photo/Jane Doe",
    "Jane Doe/AFP via Getty Images",
    "[File: Jane Doe/Reuters]",
    "PHOTO CREDIT: TASS",
    "Jane Doe, Pool Photo via AP",
    "(John Roe, Handout via Reuters)",
]

NOT_CREDIT_LINES = [
    "Photo agencies were barred from the palace on Tuesday, officials said.",
    "Reuters reported that the talks would resume next week in Moscow.",
    "Turkey/Russia relations improve",
    "The credit line to Ankara was extended by two years, the bank said.",
    "Putin tells Erdogan Russia backs Ankara",
    "Turkey bans photos shared via Reuters",
    "Ankara Thanks Reuters",
]

ID_LINES = ["1.1868767-534493935", "AA-20160809-123", "2016", "#4711", "***", "a1b2c3d4e5f6a7b8c9"]
NOT_ID_LINES = ["Ankara", "July 25, 2016", "F-16 jets return", "AA-2016 report out", "OK"]


def _statement_texts(text: str) -> list[str]:
    return [s.text for s in statements(text)]


def _check_invariants(text: str, segs: list[Segment]) -> None:
    previous_end = 0
    for s in segs:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end, "segments overlap or are out of order"
        assert s.kind == STATEMENT or s.kind in BOILERPLATE_KINDS
        previous_end = s.end
    # Only whitespace lies outside the segments: nothing of the article is lost.
    covered = "".join(s.text for s in segs)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in STATEMENT_CASES],
    ids=[n for n, _, _ in STATEMENT_CASES],
)
def test_statements(text: str, expected: list[str]) -> None:
    assert _statement_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in BOILERPLATE_CASES],
    ids=[n for n, _, _ in BOILERPLATE_CASES],
)
def test_boilerplate(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.text) for s in segment(text)] == expected


ALL_TEXTS = [(n, t) for n, t, _ in STATEMENT_CASES] + [(n, t) for n, t, _ in BOILERPLATE_CASES]


@pytest.mark.parametrize("text", [t for _, t in ALL_TEXTS], ids=[n for n, _ in ALL_TEXTS])
def test_offsets_and_coverage(text: str) -> None:
    _check_invariants(text, segment(text))


@pytest.mark.parametrize("line", CREDIT_LINES, ids=CREDIT_LINES)
def test_credit_line_between_headline_and_body(line: str) -> None:
    assert is_credit_line(line)
    text = f"Ankara and Moscow restore ties\n{line}\nThe two governments signed a protocol."
    assert [s.kind for s in segment(text)] == [STATEMENT, CREDIT, STATEMENT]


@pytest.mark.parametrize("line", NOT_CREDIT_LINES, ids=NOT_CREDIT_LINES)
def test_not_credit_line(line: str) -> None:
    assert not is_credit_line(line)
    assert [s.kind for s in segment(line)] == [STATEMENT] * len(segment(line))


@pytest.mark.parametrize("line", ID_LINES, ids=ID_LINES)
def test_id_line(line: str) -> None:
    assert is_id_line(line)


@pytest.mark.parametrize("line", NOT_ID_LINES, ids=NOT_ID_LINES)
def test_not_id_line(line: str) -> None:
    assert not is_id_line(line)


@pytest.mark.parametrize(
    ("credit", "expected"),
    [("(AFP)", True), ("- Reuters", True), ("AFP", True), ("[Reuters]", False)]
    + [("Photo: AFP", False), ("REUTERS/Jane Doe", False), ("Getty Images", False)],
    ids=["paren_afp", "dash_reuters", "bare_afp", "bracket", "marker", "slash", "photo_agency"],
)
def test_sign_off(credit: str, expected: bool) -> None:
    assert is_sign_off(credit) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Police stand guard near the embassy in Ankara, Turkey, July 21, 2016.", True),
        ("A man waves a flag in İstanbul, Turkey July 16, 2016", True),
        ("The ministers met in Sochi on July 1, 2016.", False),
        ("The ministers met on Sept. 3, 2016 in Sochi, Russia.", False),
        ("Trade grew in 2016.", False),
    ],
    ids=["full_form", "no_comma_before_date", "no_country", "date_then_place", "year_only"],
)
def test_picture_dateline(line: str, expected: bool) -> None:
    assert ends_with_picture_dateline(line) is expected


# A wire dateline run into a statement (category: datelines): (name, text, text after it, colon).
OPENING_DATELINE_CASES = [
    ("place and day", "OSLO, March 3 Two ministers met.", "Two ministers met.", False),
    ("place, day, agency and dash", "SOFIA, May 9 (Example Wire) - Talks began.", "Talks began.",
     False),
    ("place and agency", "ATHENS (Example Wire) - The ferry left.", "The ferry left.", False),
    ("place, country and dash", "RIGA, Latvia — The talks began.", "The talks began.", False),
    ("dash without spaces", "VIENNA—The envoy left.", "The envoy left.", False),
    ("colon", "LISBON: The envoy left.", "The envoy left.", True),
    ("must not fire: a capitalised word in sentence case", "Ministers met in Oslo.", None, None),
    ("must not fire: a list of acronyms", "US, EU urge calm", None, None),
    ("must not fire: a compound", "EU-Turkey deal holds", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "after", "colon"), [c[1:] for c in OPENING_DATELINE_CASES],
                         ids=[c[0] for c in OPENING_DATELINE_CASES])  # fmt: skip
def test_opening_dateline(text: str, after: str | None, colon: bool | None) -> None:
    found = opening_dateline(text)
    assert (text[found.end :] if found else None, found.colon if found else None) == (after, colon)


def test_statements_filters_boilerplate() -> None:
    text = "1234-5678\nErdogan waves in Ankara.\nPhoto: AFP\nTies improved. Trade grew."
    assert [s.kind for s in segment(text)] == [ID_LINE, CAPTION, CREDIT, STATEMENT, STATEMENT]
    assert _statement_texts(text) == ["Ties improved.", "Trade grew."]


def test_classify_lines_returns_spans_within_lines() -> None:
    text = "Headline here\nA caption, in Ankara, Turkey, July 2, 2016. Photo: AFP\nBody."
    lines = [(0, 13), (14, 68), (69, 74)]
    assert [text[a:b] for a, b in lines] == [
        "Headline here",
        "A caption, in Ankara, Turkey, July 2, 2016. Photo: AFP",
        "Body.",
    ]
    assert classify_lines(text, lines) == [
        (0, 13, STATEMENT),
        (14, 57, CAPTION),
        (58, 68, CREDIT),
        (69, 74, STATEMENT),
    ]


def test_very_long_paragraph() -> None:
    sentence = "Ankara and Moscow held another round of talks on Nov. 3 in St. Petersburg."
    text = " ".join([sentence] * 5000)
    got = statements(text)
    assert len(got) == 5000
    assert all(s.text == sentence for s in got)
    _check_invariants(text, got)


def test_very_long_quote_line_without_closing_mark() -> None:
    text = "“" + " ".join(["Turkey and Russia agreed."] * 2000)
    assert len(statements(text)) == 2000


# Characters that exercise every branch: quote marks of all kinds, sentence ends, abbreviations,
# dashes, line breaks of every sort, non-ASCII letters, lone surrogates, credit words.
_FUZZ_PIECES = [
    ".", "!", "?", "...", "…", " ", "  ", "\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", "\xa0",
    "“", "”", "„", '"', "'", "‘", "’", "«", "»", "(", ")", "[", "]", "–", "—", "-", "/", ":",
    "U.S.", "Mr.", "St.", "No.", "W.", "3.5", "2016", "Nov.", "İstanbul", "Erdoğan", "Turkey’s",
    "The", "he said", "Photo:", "Image Credit:", "REUTERS", "Getty Images", "AFP", "©",
    "in Ankara, Turkey, July 1, 2016", "AA-1234-5", "a", "B", "\ud800", "\t", "x" * 30,
]  # fmt: skip


def test_fuzz_offsets_hold_on_random_text() -> None:
    rng = random.Random(20160809)
    for _ in range(1500):
        text = "".join(rng.choice(_FUZZ_PIECES) for _ in range(rng.randint(0, 60)))
        _check_invariants(text, segment(text))


def test_fuzz_random_code_points() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randint(0, 200)))
        _check_invariants(text, segment(text))


@pytest.mark.parametrize(
    ("line", "expected"),
    [(t, k) for _, t, k in FURNITURE_LINES],
    ids=[n for n, _, _ in FURNITURE_LINES],
)
def test_furniture_line(line: str, expected: str) -> None:
    assert furniture_kind(line) == expected
    text = f"Ankara and Moscow restore ties\n{line}\nThe two governments signed a protocol."
    assert [s.kind for s in segment(text)] == [STATEMENT, expected, STATEMENT]


@pytest.mark.parametrize(
    "line", [t for _, t in NOT_FURNITURE_LINES], ids=[n for n, _ in NOT_FURNITURE_LINES]
)
def test_not_furniture_line(line: str) -> None:
    assert furniture_kind(line) is None
    # Under a headline, before the body; a line without final punctuation between finished
    # paragraphs is a title in the body (related story, video, subheading), so only lines
    # ending a sentence are also tried there.
    text = f"Ankara and Moscow restore ties\n{line}\n{_BODY}"
    assert {s.kind for s in segment(text)} == {STATEMENT}
    if line.rstrip("”)")[-1:] in ".!?":
        text = f"Ankara and Moscow agreed on Monday to restore charter flights in full.\n{line}"
        assert {s.kind for s in segment(text)} == {STATEMENT}
