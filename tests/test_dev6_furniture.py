"""Furniture of the kinds dev6 carries (captions and credits in six languages, series,
sponsor and paywall notes, share/save/rating rows, forum edit notes, comment headings of
review sites, Dutch news and forums, bylines with job titles): each rule removes its line,
and the body lines that look like it stay."""

from __future__ import annotations

import pytest

from cleancorpus import clean

from .furniture import BODY, FIRST, removed_by
from .furniture import SECOND as LAST


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("The old weir at dusk (Image credit: Ty Oduya)", "caption.trailing_credit"),
        ("The old weir at dusk (Photo by Ty Oduya on Unsplash)", "caption.trailing_credit"),
        ("Il ponte vecchio all'alba (foto Ettore Ferrucci)", "caption.trailing_credit"),
        ("El puerto al amanecer | Foto: Eloy Olmedo", "caption.trailing_credit"),
        ("Boats at dawn — photo credit: Ann Roe", "caption.trailing_credit"),
        ("Boats at dawn. Image © Ann Roe", "caption.trailing_credit"),
        ("Le pont de pierre au petit matin © Maëlle Delpech", "caption.trailing_credit"),
        ("Der Marktplatz am Morgen (Archivbild: Ulla Wittmann)", "caption.trailing_credit"),
        ("Foto di Ettore Ferrucci", "caption.credit_of"),
        ("Bild von Ulla Dreyer / Kiestal-Bote", "caption.credit_of"),
        ("Il ponte vecchio all'alba - Ansa", "caption.agency"),
        ("Die neue Brücke (dpa)", "caption.agency"),
        ("Caption: The old weir at dusk", "caption.pictured"),
        ("Foto ter illustratie", "caption.illustrative"),
        ("Image 1 of 6", "caption.viewer_control"),
        ("View gallery (12 photos)", "caption.viewer_control"),
        ("Bildergalerie öffnen (8 Bilder)", "caption.viewer_control"),
        ("Beeld: Femke Kuipers", "caption.image_credit"),
        ("This article is part of Fold Futures, our series on the valley.", "note.part_of"),
        ("Cet article fait partie de notre dossier « Les villages du causse ».", "note.part_of"),
        ("Dit artikel is onderdeel van de serie Leven achter de dijk.", "note.part_of"),
        ("Questo articolo fa parte dello speciale Valle che cambia.", "note.part_of"),
        ("Noot van de redactie: in een eerdere versie stond een verkeerd bedrag.", "note.labelled"),
        ("Sponsored by Millstream Flour. All opinions are my own.", "note.sponsor"),
        ("Contenido patrocinado por Caja Rural de Almendral", "note.sponsor"),
        ("Sponsor: this issue is brought to you by Fold Valley Cider.", "note.sponsor"),
        ("Article réservé aux abonnés", "widget.paywall_label"),
        ("Deel dit artikel: Facebook · X · WhatsApp · Mail", "widget.share_networks"),
        ("Compartir en: Facebook · Twitter · WhatsApp · Telegram", "widget.share_networks"),
        ("Share on Facebook · Share on X · Email this story · Print", "widget.share"),
        ("Ajouter à mes favoris", "widget.favourites"),
        ("Check price at Amazon · Check price at Trailhouse", "widget.price_check"),
        ("Our verdict: 4 out of 5 stars", "widget.rating"),
        ("5 from 427 votes", "widget.rating"),
        ("Quote · Report · Thank", "widget.action_row"),
        (
            "Last edited by dijkgraaf_w on Tue Jan 12, 2021 04:50 am, edited 1 time in total.",
            "note.edited",
        ),
    ],
)
def test_a_dev6_line_between_paragraphs_goes(line: str, rule: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == BODY
    assert removed_by(text)[line] == rule


@pytest.mark.parametrize(
    "line",
    [
        "Fotos von Berlin und Hamburg hängen seit Mai im Rathaus.",
        "Reporters from AFP and Reuters waited outside until midnight.",
        "Caption competitions were a fixture of the parish magazine.",
        "The vote was close – photo finish, said one councillor.",
        "Image 1 of the series shows the harbour in 1930.",
        "This story is part of why the town voted no.",
        "Sponsored walks raised 2,300 pounds for the lifeboat station last year.",
        "Subscribers only paid for the first year, the treasurer said.",
        "Check the price at the pump before you fill up.",
        "The council rated it 4 out of 5 for safety.",
        "Add to reading list the books your teacher sent home.",
        "Last edited by the council on 3 May 2019, the map is out of date.",
        "Share prices on Facebook and X fell after the vote.",
        # bodysafe: a sponsor named in a sentence that goes on, pictures of a place, a
        # "Photo by" that credits nobody
        "Sponsored by the Harrow Rotary Club, the show is free and runs until June.",
        "Contenido patrocinado por nadie: lo pagaron todo de su bolsillo, dicen.",
        "Sponsorizzato da una banca locale, il sondaggio ha avuto 800 risposte.",
        "Bilder von Berlin",
        "Immagini di Venezia",
        "Photo by photo, it retraces the night the sea wall broke.",
    ],
)
def test_a_body_line_like_dev6_furniture_stays(line: str) -> None:
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == text.strip()


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Door Joost Verhoeckx", "Joost Verhoeckx"),
        ("Tekst: Maartje Brouwers", "Maartje Brouwers"),
        ("A cura di Ginevra Cagnoli", "Ginevra Cagnoli"),
        ("Ein Kommentar von Ulla Brenninger", "Ulla Brenninger"),
        ("Reporting by Ty Pyke; editing by Maud Strand", "Ty Pyke"),
        ("By Idris Oduya, Local Democracy Reporter", "Idris Oduya"),
        ("Ty Ashcombe | Staff writer", "Ty Ashcombe"),
        ("Maëlle Roumieu, correspondante", "Maëlle Roumieu"),
        ("Recipe by Maud Fenwick", "Maud Fenwick"),
        ("Posted by Wendell Pyke on 1 September 2024 · Leave a comment", "Wendell Pyke"),
        ("By Dale Ferris, Ann Roe and Bo Lind", "Dale Ferris, Ann Roe and Bo Lind"),
        ("Ty Ashcombe, Staff writer at the Harrow Post", "Ty Ashcombe"),
        ("By Idris Oduya, Reporter Europe", "Idris Oduya"),
    ],
)
def test_a_byline_gives_its_author(byline: str, author: str) -> None:
    result = clean(f"# The ferry runs again\n\n{byline}\n\n{FIRST}\n\n{LAST}\n")
    assert result.text == BODY
    assert result.metadata["author"] == author


def test_a_job_title_after_a_name_in_the_body_stays() -> None:
    text = f"{FIRST}\n\nAnn Roe, the harbour's senior editor, said the boats would run.\n\n{LAST}\n"
    assert clean(text).text == text.strip()


@pytest.mark.parametrize(
    "thread",
    [
        "4 reacties\n\nmarit_b schreef op 11-10-2020 22:12:\n\nEerst zien, dan geloven."
        "\n\nReageer · Meld",
        "Customer reviews (3)\n\nTop comments | Newest first\n\n★★★★☆ Bertram L. – 07/05/2021"
        "\n\nGreat news for the village.\n\nWas this review helpful? Yes (3) No",
        "6 posts • Page 1 of 1\n\nRe: My turntable hums\n\nPost by nightjar42 » Sun Jul 09, "
        "2023 09:17 am\n\nSame here, check the earth wire.",
        "7 Comments & Ratings\n\nslowcooker_sam\n\nRated 5 out of 5 stars\n\nLovely bake.",
        "nightjar42 schreef op 11-10-2020 22:12:\n\nEerst zien, dan geloven.\n\n"
        "marit_b schreef op 12-10-2020 08:01:\n\nHelemaal mee eens.",
    ],
)
def test_a_dev6_comment_thread_goes(thread: str) -> None:
    assert clean(f"{FIRST}\n\n{LAST}\n\n{thread}\n").text == BODY


def test_a_heading_of_reviews_in_a_sentence_stays() -> None:
    line = "Customer reviews of the new bridge were mixed, the survey found."
    text = f"{FIRST}\n\n{line}\n\n{LAST}\n"
    assert clean(text).text == text.strip()


# Comment threads of dev6's shapes with no heading above them: the markers alone show them.
HEADLESS_THREADS = {
    "disqus": "ZX_Spectrum_Kid\n\n7 points · 3 mesi fa\n\nArticolo chiarissimo, complimenti."
    "\n\nRispondi · Condividi ›\n\nel_tio_paco → ZX_Spectrum_Kid\n\n11 points · 7 giorni fa\n\n"
    "Finalmente qualcuno ne parla.\n\nRispondi · Condividi ›",
    "french": "ZX_Spectrum_Kid a réagi il y a 6 jours\n\nOn attend ça depuis des années.\n\n"
    "Répondre · Signaler un abus\n\n↳ h.koenigsberg à ZX_Spectrum_Kid\n\nBravo aux bénévoles."
    "\n\nRépondre · Signaler un abus",
    "substack": "kelpie-and-me\n\nNov 17\n\nMade this last night and loved it.\n\nLiked by 41 · "
    "Reply\n\nBertram L.\n\nJul 15\n\nCut the sugar by half.\n\nLiked by 6 · Reply",
    "reviews": "★★★★☆ ZX_Spectrum_Kid – 24/12/2020\n\nMy dad worked there and would disagree."
    "\n\nWas this review helpful? Yes (17) No\n\n★★★★☆ nightjar42 – 06/05/2021\n\nMine took "
    "twice as long.\n\nWas this review helpful? Yes (11) No",
    "phpbb": "Re: My turntable hums\n\nPost by Mrs Ottery » Sun Jul 09, 2023 09:17 am\n\nCheck "
    "the earth wire first.\n\nPosts: 537\n\nJoined: Wed Sep 07, 2022\n\nRe: My turntable hums"
    "\n\nPost by nightjar42 » Mon Jul 10, 2023 08:02 pm\n\nSame here.\n\nPosts: 12",
    "wordpress-nested": "kelpie-and-me says:\n\nMay 23, 2020 at 08:15 PM\n\nCut the sugar by "
    "half.\n\nReply\n\nIn reply to kelpie-and-me.\n\ndijkgraaf_w says:\n\nJanuary 22, 2021 at "
    "01:30 PM\n\nNot what I saw.\n\nReply",
}


@pytest.mark.parametrize("name", HEADLESS_THREADS)
def test_a_dev6_thread_without_a_heading_goes(name: str) -> None:
    assert clean(f"{FIRST}\n\n{LAST}\n\n{HEADLESS_THREADS[name]}\n").text == BODY


# Body shapes next to those markers that are no thread: dated entries, a letter's subject,
# routes with arrows, a name ending with an initial above a long paragraph; from bodysafe:
# quotes under "Name said:" lines, a column's "Re:" questions, config names with underscores
# and a data flow between tables, a staff list with the month each person joined.
NOT_THREADS = {
    "timeline": "May 3\n\nThe council voted to close the pier after a long debate that ran late."
    "\n\nMay 17\n\nEngineers found that the crack had widened by two centimetres overnight.",
    "letter": "Re: Harbour works\n\nDear residents, the works begin on Monday and will last six "
    "weeks, with the quay closed to cars for the first two of them.",
    "routes": "Paris → Lyon\n\nThe train takes two hours and leaves every thirty minutes.\n\n"
    "Lyon → Marseille\n\nAnother ninety minutes along the Rhône valley.",
    "constants": "API_KEY\n\nThe key the harbour's booking service gives every app that asks "
    "for one.\n\nSECRET_KEY\n\nA second value, kept on the server and never sent to a browser.",
    "quotes": "Councillor Ann Roe said:\n\n“The town centre is dying for want of parking.”"
    "\n\nMr Hale said:\n\n“We were promised a park on that site. Now we get tarmac.”\n\n"
    "Dr Priya Larch replied:\n\n“Both can be true. The plan keeps the orchard.”",
    "quotes-de": "Hans schrieb:\n\n„Endlich muss ich nicht mehr über Auheim fahren.“\n\n"
    "Frau Holt antwortete:\n\n„Die Brücke ist schön, aber der Radweg endet im Nichts.“",
    "mailbag": "Re: parking permits\n\nPermits for the new zone go on sale on 1 June.\n\n"
    "Re: bin collections\n\nCollections move from Monday to Tuesday from July.",
    "config": "shared_buffers\n\nSet it to about a quarter of memory, so 1 GB here.\n\n"
    "work_mem\n\nEach sort gets this much before it spills to disk.\n\nmax_connections\n\n"
    "Keep it low, around 50.\n\nraw_events → daily_totals\n\nThat is the one nightly job.",
    "staff": "Ann Roe\n\nJoined: March 2019\n\nAnn leads the desk and has covered the Wey "
    "since 2014.\n\nTom Hale\n\nJoined: June 2021\n\nTom reports on farming.",
    "initial": "Bertram L.\n\nThe engineer who drew the first plans for the pier in 1962 never "
    "saw it built; he moved north, and the drawings stayed in a drawer for forty years.",
}


@pytest.mark.parametrize("name", NOT_THREADS)
def test_body_shapes_like_dev6_markers_are_no_thread(name: str) -> None:
    text = f"{FIRST}\n\n{NOT_THREADS[name]}\n\n{LAST}\n"
    result = clean(text)
    assert not [r for r in result.removals if r.rule.startswith("comments")], name
    assert result.text == text.strip()


@pytest.mark.parametrize(
    ("title", "byline"),
    [
        ("Bilder von Berlin", "Von Jonas Weidlich | 14. Mai 2024"),
        ("Door de regen naar huis", "Door Femke de Wit | 2024-05-14"),
        ("By the Sea: A Summer of Storms", "By Idris Oduya | May 14, 2024"),
        # a caption label, a credit and a name with a job title over the byline
        ("Photos: the flood in pictures", "By Idris Oduya | May 14, 2024"),
        ("Reporting by numbers: what the census says", "By Idris Oduya | May 14, 2024"),
        ("Giulia Sarti, giornalista per caso", "di Marco Pellegrini | 14 maggio 2024"),
        ("Tom Hale, Staff writer of the year", "By Idris Oduya | May 14, 2024"),
    ],
)
def test_a_title_like_a_credit_or_byline_stays_the_title(title: str, byline: str) -> None:
    result = clean(f"{title}\n\n{byline}\n\n{FIRST}\n\n{LAST}\n")
    assert result.text == BODY
    assert result.metadata["title"] == title
