"""Rules for lines set into a body: picture captions and credits, viewer controls, and notes
an editor pastes between paragraphs.

All are ``anywhere`` rules, so each is bounded tightly (``max_words``) and gated by cues: a
long paragraph never meets them. Credit lines that end with a full stop are left alone (a
credit is a label, a body sentence ends like one); notes need a label or a self-reference
("this article was amended", "reporting for this story was supported by").
"""

from __future__ import annotations

from .rule import Rule

# What a caption credits, in the languages of the sets.
_MEDIA = (
    r"(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|charts?|maps?"
    r"|screenshots?|videos?|drawings?|artwork|renderings?|fotos?|bild(?:er)?|grafik|imagen"
    r"|ilustración|infographics?|beeld|afbeelding(?:en)?|immagin[ei]|archivbild|archivfoto)"
)
_MEDIA_CUES = (
    "photo",
    "picture",
    "image",
    "illustration",
    "graphic",
    "chart",
    "map",
    "screenshot",
    "video",
    "drawing",
    "artwork",
    "rendering",
    "foto",
    "bild",
    "grafik",
    "imagen",
    "styled",
    "beeld",
    "afbeelding",
    "immagin",
)
# A credited person: one to five capitalised words, with the particles of names.
_PERSON = (
    r"\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|de|da|di|del|van|von|der|den|la"
    r"|le)){0,4}"
)
# A credited maker's full name: two to five words ("Foto di Ettore Ferrucci"); one word after
# "Bilder von" is more often what the pictures show ("Bilder von Berlin", "Immagini di Venezia").
_FULL_NAME = (
    r"\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|de|da|di|del|van|von|der|den|la"
    r"|le)){1,4}"
)
# Wire and picture agencies a caption credits by name alone ("The old weir - Ansa").
_AGENCY = (
    r"(?i:ansa|afp|ap|ap\s+photo|reuters|dpa|efe|anp|epa|belga|getty\s+images|imago|keystone"
    r"|europa\s+press|lapresse|pa(?:\s+(?:media|wire|images))?|shutterstock|istock(?:photo)?)"
)
# Prepositions a credit names its maker with, besides "by": Italian, Dutch, German, French,
# Spanish.
_CREDIT_OF = r"(?i:di|door|van|von|par|por|de)"

INSET_RULES: tuple[Rule, ...] = (
    Rule(
        "caption.credit_by",
        # "Illustration by Ines Roe", "Styled and shot by Bo Lind", "Screenshot by X / Y",
        # "*Boats at dawn.* Picture by Ann Roe for the Herald": a credit clause with "by" or
        # "via" and a capitalised name, optionally after a short description, no final stop
        rf"(?!.*[.!?]$)(?:[^\n]{{1,160}}?[.!?*]\s+)?(?i:{_MEDIA}(?:\s+(?:and|&)\s+(?:styling"
        rf"|words|text|video))?|styled\s+and\s+(?:shot|photographed)|photo\s+illustration)"
        r"\s+(?i:by|via)\s+(?:(?i:the)\s+)?\p{Lu}[^\n]{0,120}",
        "anywhere",
        (
            "Illustration by Ines Larch",
            "Styled and shot by Bram Venn",
            "Screenshot by Dagny Oak / Fieldnote Review",
            "*Boats at dawn.* Picture by Ann Roe for the Herald",
            "Graphic by the Harbour desk. Source: port authority",
            "Image via Tessa Moll on a community photo board",
            "Chart by Jo Hale; figures from the makers' own sheets",
        ),
        max_words=30,
        cues=_MEDIA_CUES,
    ),
    Rule(
        "caption.trailing_credit",
        # a description closed by a credit: "Boats at dawn (Foto: Max Roe)",
        # "(Boats at dawn. Courtesy of Ann Roe)", "Boats at dawn. © Photo Ann Roe",
        # "Map data © 2024 survey office, drawn by Ann Roe"
        # (a description first: a whole line "(Graphic: assets in 2019 - here)" is a chart an
        # article text refers to, and stays)
        rf"[^\n(]{{3,200}}\((?i:{_MEDIA}|credit|crédit)\s*[:：]\s*[^()\n]{{1,80}}\)"
        r"|\((?:[^()\n]{1,200}[.,;]\s+)?(?i:(?:photo\s+)?courtesy\s+of|mit\s+freundlicher"
        r"\s+genehmigung\s+(?:von|des|der)|avec\s+l['’]aimable\s+autorisation\s+de|cortesía\s+de)"
        r"\s+[^()\n]{1,80}\)"
        r"|[^\n]{0,200}©\s*(?i:photo|foto|image|bild|picture|imagen)\s+[^\n]{1,80}"
        # "(Image credit: Ann Roe)", "(Photo by Ann Roe on Unsplash)", "(foto Ann Roe)"
        rf"|[^\n(]{{3,200}}\((?:(?i:{_MEDIA})\s+)?(?i:credits?|crédits?)\s*[:：]\s*[^()\n]{{1,80}}\)"
        rf"|[^\n(]{{3,200}}\((?i:{_MEDIA})\s+(?:(?i:by|via)\s+|{_CREDIT_OF}\s+)?\p{{Lu}}[^()\n]{{1,80}}\)"
        # "Boats at dawn | Photo: Ann Roe", "Boats at dawn — photo credit: Ann Roe"
        rf"|[^\n|]{{3,200}}\s[|–—]\s(?:(?i:{_MEDIA})(?:\s+(?i:credits?))?|(?i:credits?|crédits?))"
        r"\s*[:：]\s*[^\n.!?]{1,80}"
        # "Boats at dawn. Image © Ann Roe", "Le pont au petit matin © Ann Roe"
        rf"|[^\n]{{0,200}}(?i:{_MEDIA})\s*©\s*[^\n]{{1,80}}"
        rf"|[^\n©]{{3,200}}\s©\s*{_PERSON}"
        r"|(?i:map|chart|karten|carte)\s*(?i:data|daten|données)?\s*©[^\n]{1,120}"
        # "Boats at dawn. Credit: Ann Roe / Herald": a sentence, then a credit label and a name
        rf"|[^\n]{{1,200}}[.!?]\s+(?i:{_MEDIA}|credits?|crédits?)\s*[:：]\s*[^\n.!?]{{1,80}}",
        "anywhere",
        (
            "Residents wait outside the town hall (Foto: Marek Venn)",
            "Volunteers near the pier. (Photo: Bram Oak/Valley Herald)",
            "(Two inspectors at the quarry. Courtesy of Olga Brune)",
            "Le vieux pont vu depuis la passerelle. © Photo Priya Larch",
            "Map data © 2023 local survey office, drawn by Bram Siddel",
            "A crowd waits for the vote. Credit: Tessa Harr / Ridge Post",
            "The old weir at dusk (Image credit: Ty Oduya)",
            "The old weir at dusk (Photo by Ty Oduya on Unsplash)",
            "Il ponte vecchio all'alba (foto Ettore Ferrucci)",
            "El puerto al amanecer | Foto: Eloy Olmedo",
            "Boats at dawn — photo credit: Ann Roe",
            "Boats at dawn. Image © Ann Roe",
            "Le pont de pierre au petit matin © Maëlle Delpech",
        ),
        max_words=40,
        cues=(*_MEDIA_CUES, "credit", "crédit", "courtesy", "genehmigung", "autorisation", "©"),
    ),
    Rule(
        "caption.credit_of",
        # a credit naming its maker with another language's "by": "Foto di Ann Roe", "Foto door
        # Ann Roe", "Bild von Ann Roe / Herald", after a short description or alone; the rest
        # of the line is the name (a sentence "Fotos von Berlin hängen im Rathaus." goes on)
        rf"(?!.*[.!?]$)(?:[^\n]{{1,160}}?[.!?*|–—]\s+)?(?i:{_MEDIA})\s+{_CREDIT_OF}\s+"
        rf"(?:{_FULL_NAME}|{_PERSON}\s*/\s*[^\n/|]{{1,40}})(?:\s*[/|]\s*[^\n/|]{{1,40}})?",
        "anywhere",
        (
            "Foto di Ettore Ferrucci",
            "Bild von Ulla Dreyer / Kiestal-Bote",
            "Foto door Joost Kuipers",
        ),
        max_words=20,
        cues=_MEDIA_CUES,
    ),
    Rule(
        "caption.agency",
        # a description credited to a wire or picture agency alone: "The old weir - Ansa",
        # "Boats at dawn / AFP", "Die neue Brücke (dpa)"; an article sentence ends with a stop
        rf"(?!.*[.!?]$)[^\n]{{3,200}}?(?:\s[-–—|/]\s*|\s*\(\s*|[.]\s+)(?i:foto|photo)?\s*[:：]?\s*"
        rf"{_AGENCY}\)?",
        "anywhere",
        ("Il ponte vecchio all'alba - Ansa", "Boats at dawn / AFP", "Die neue Brücke (dpa)"),
        max_words=30,
        cues=(
            "ansa",
            "afp",
            "ap",
            "reuters",
            "dpa",
            "efe",
            "anp",
            "epa",
            "belga",
            "getty",
            "imago",
            "keystone",
            "europa press",
            "lapresse",
            "pa",
            "shutterstock",
            "istock",
        ),
    ),
    Rule(
        "caption.pictured",
        # who or what a picture shows: "Pictured: the old mill", "(Above: the weir in 1962)",
        # "Im Bild: ...", "Ci-dessus : ...", "En la imagen: ..."
        r"\(?(?i:pictured(?:\s+(?:from\s+)?(?:left|right|above|below))?|above|ci-dessus"
        r"|en\s+la\s+(?:imagen|foto)|auf\s+dem\s+(?:bild|foto)|im\s+bild|sur\s+la\s+photo"
        # a caption's own label: "Caption: ...", "Légende : ...", "Didascalia: ..."
        r"|caption|légende|bildunterschrift|bildtext|pie\s+de\s+foto|didascalia|onderschrift)"
        r"\s*[:：]\s*[^\n]{1,200}",
        "anywhere",
        (
            "Pictured: A crowd waits for the vote",
            "(Pictured: Floodwater at the bakery)",
            "Caption: The old weir at dusk",
        ),
        max_words=40,
        cues=(
            "pictured",
            "above",
            "ci-dessus",
            "imagen",
            "foto",
            "bild",
            "photo",
            "caption",
            "légende",
            "didascalia",
            "onderschrift",
        ),
    ),
    Rule(
        "caption.media_duration",
        # a video or audio player's caption with its running time: "Video: boats at dawn (9:47)"
        r"(?i)(?:video|vidéo|vídeo|audio|podcast|watch|listen)\s*[:：]\s*[^\n]{1,150}"
        r"[(\[]\d{1,2}:\d{2}(?::\d{2})?(?:\s*min)?[)\]]",
        "anywhere",
        ("Video: Two growers inspect the cracked wall (9:47)",),
        max_words=30,
        cues=("video", "vidéo", "vídeo", "audio", "podcast", "watch", "listen"),
    ),
    Rule(
        "caption.illustrative",
        # the note that a picture only illustrates: "Photo d'illustration", "File photo",
        # "Photo illustration: boats at dawn", "Symbolbild"
        r"(?i)\(?(?:(?:photo|image)\s+d['’]illustration|photo\s+illustration|illustrative"
        r"\s+(?:image|photo)|(?:file|archive|stock)\s+(?:photo|image|picture)|symbolbild"
        r"|symbolfoto|archivbild|archivfoto|(?:foto|imagen)\s+de\s+archivo|foto\s+ter\s+illustratie"
        r"|archief(?:foto|beeld)|(?:foto|immagine)\s+(?:di\s+repertorio|d['’]archivio)"
        r"|image\s+d['’]archives)"
        r"(?:\s*[:—–-]\s*[^\n]{1,150})?\)?",
        "anywhere",
        (
            "Photo d'illustration",
            "Photo illustration: floodwater at the steps",
            "(File photo)",
            "Foto ter illustratie",
        ),
        max_words=30,
        cues=("illustrat", "file", "archiv", "archief", "repertorio", "stock", "symbol"),
    ),
    Rule(
        "caption.viewer_control",
        # controls of a picture viewer or gallery: "Enlarge this picture", "Gallery: 12
        # pictures", "Swipe for more photos (6)", "Zur Bildergalerie (8 Fotos)", "Agrandir l'image"
        r"(?i)(?:enlarge|expand|zoom(?:\s+in)?|view|open)\s+(?:this\s+|the\s+)?(?:image|picture"
        r"|photo|chart|map|graphic|gallery|slideshow)s?"
        r"(?:\s*[(\[]\s*\d+\s+(?:photos|pictures|images|fotos|bilder)\s*[)\]])?"
        r"|agrandir\s+(?:l['’]image|la\s+photo|le\s+graphique|la\s+carte)|voir\s+(?:le\s+)?diaporama"
        r"|(?:zur|zum)\s+(?:bildergalerie|fotostrecke|galerie|diashow)"
        r"(?:\s*[(\[]\s*\d+\s+(?:fotos|bilder|photos|pictures|images)\s*[)\]])?"
        r"|(?:gallery|galerie|bildergalerie|fotostrecke|diaporama|slideshow|galería)\s*[:(]?\s*\d+"
        r"\s+(?:pictures|photos|images|fotos|bilder|imágenes)\)?"
        r"|swipe\s+(?:for|to\s+see)\s+(?:more|all)\s+(?:the\s+)?(?:photos|pictures|images)"
        r"(?:\s*[(\[]\d+[)\]])?"
        r"|ver\s+(?:la\s+)?galería|ampliar\s+(?:la\s+)?(?:imagen|foto)"
        # a gallery's counter or open control: "Image 1 of 6", "Bildergalerie öffnen (8 Bilder)"
        r"|(?:image|photo|picture|slide|foto|bild|imagen|immagine|afbeelding)\s+\d{1,3}\s*(?:of|von"
        r"|de|di|van|sur|/)\s*\d{1,3}"
        r"|(?:bildergalerie|fotostrecke|galerie|fotogalerij|galleria(?:\s+fotografica)?|galería)"
        r"\s+(?:öffnen|ansehen|anzeigen|bekijken|openen|aprire|abrir|ouvrir)"
        r"(?:\s*[(\[]\s*\d+\s+(?:fotos|bilder|foto's|immagini|photos)\s*[)\]])?",
        "anywhere",
        (
            "Enlarge this picture",
            "Agrandir l'image",
            "Zur Bildergalerie (3 Fotos)",
            "Gallery: 12 pictures",
            "Swipe for more photos (6)",
            "View gallery (12 photos)",
            "Image 1 of 6",
            "Bildergalerie öffnen (8 Bilder)",
        ),
        max_words=8,
        cues=(
            "enlarge",
            "expand",
            "zoom",
            "view",
            "open",
            "agrandir",
            "diaporama",
            "galerie",
            "gallery",
            "galería",
            "fotostrecke",
            "diashow",
            "slideshow",
            "swipe",
            "ampliar",
            "image",
            "photo",
            "picture",
            "slide",
            "foto",
            "bild",
            "imagen",
            "immagine",
            "afbeelding",
            "galleria",
        ),
    ),
    Rule(
        "caption.bracketed_media",
        # a picture an extractor left as a bracketed label: "[image: boats at dawn]", "[Video]"
        r"\[(?i:image|img|photo|picture|pic|bild|foto|video|graphic|chart|map|gif|imagen)"
        r"(?:\s*[:：]\s*[^\]\n]{0,200})?\]",
        "anywhere",
        ("[image: A crowd waits for the vote]", "[Video]", "[Bild: Der Hafen]"),
        max_words=40,
        cues=_MEDIA_CUES,
    ),
    Rule(
        "caption.click_hint",
        # a bracketed hint about a picture and a click: "(pic attached below, click for the
        # big version)"; a sentence about a photo is not bracketed whole
        rf"\((?=[^()\n]*\b(?i:click|tap)\b)(?=[^()\n]*\b{_MEDIA}\b)[^()\n]{{3,120}}\)",
        "anywhere",
        ("(pic attached below, click for the big version)", "(tap the photo to zoom)"),
        max_words=20,
        cues=("click", "tap"),
    ),
    Rule(
        "caption.source_pair",
        # a source credit of slash-separated names: "Source: county records / weather office"
        r"(?i)(?:sources?|quellen?|fuentes?|data|données|daten)\s*[:：]\s*[^\n.!?/]{1,80}"
        r"(?:\s+/\s+[^\n.!?/]{1,80}){1,3}",
        "anywhere",
        ("Source: Tidewater Almanac / county weather records", "Quelle: Amt / eigene Recherche"),
        max_words=25,
        cues=("source", "quelle", "fuente", "data", "données", "daten"),
    ),
    Rule(
        "note.labelled",
        # a note labelled as one, pasted between paragraphs: "A note to readers: ...",
        # "Mod note: merged two threads", "Anmerkung der Redaktion: ..."
        r"(?i)\*?(?:(?:a\s+)?note\s+to\s+(?:our\s+)?readers|(?:mod(?:erator)?|admin|housekeeping"
        r"|programming|staff|site)\s+note|(?:anmerkung|hinweis)\s+der\s+redaktion|note\s+de\s+la"
        r"\s+rédaction|nota\s+de\s+la\s+redacción|nota\s+del\s+editor|nota\s+dell['’]editore"
        r"|nota\s+della\s+redazione|noot\s+van\s+de\s+redactie|redactionele\s+noot)"
        r"\s*[:—–-]\s*[^\n]{1,600}",
        "anywhere",
        (
            "A note to readers: names of two witnesses have been withheld.",
            "Mod note: merged two threads on the same topic.",
            "Anmerkung der Redaktion: Der Artikel wurde ergänzt.",
            "Housekeeping note: the next issue comes out a week late.",
            "Noot van de redactie: in een eerdere versie stond een verkeerd bedrag.",
            "Nota dell'editore: l'articolo è stato aggiornato alle 18.30.",
        ),
        max_words=100,
        cues=("note", "anmerkung", "hinweis", "nota", "noot"),
    ),
    Rule(
        "note.amended",
        # the article saying it was changed: "This article was amended on 3 May to correct ...",
        # "Update, 6 May 2024: this story now includes the council's response."
        r"(?i)this\s+(?:article|story|post|piece)\s+(?:was|has\s+been)\s+(?:amended|corrected"
        r"|updated|revised|edited)\s+(?:on|at|since|to|after|in|\d)\b[^\n]{0,300}"
        r"|(?:update|updated|mise\s+à\s+jour|aktualisierung|actualización)\s*[,(]?\s*[^:\n]{3,30}?"
        r"\)?\s*[:—–-]\s*[^\n]{0,60}\bthis\s+(?:article|story|post|piece)\b[^\n]{0,300}"
        r"|cet\s+article\s+a\s+été\s+(?:modifié|corrigé|mis\s+à\s+jour|actualisé)\b[^\n]{0,300}"
        r"|dieser\s+(?:artikel|beitrag)\s+wurde\s+[^\n]{0,60}(?:aktualisiert|korrigiert|geändert"
        r"|ergänzt)\b[^\n]{0,300}"
        r"|este\s+artículo\s+(?:fue|ha\s+sido)\s+(?:actualizado|corregido|modificado)\b[^\n]{0,300}",
        "anywhere",
        (
            "This article was amended on 21 November 2024 to correct the year the pier opened.",
            "Update, 23 August 2024: this story now includes the council's response.",
            "Cet article a été mis à jour après la réunion.",
        ),
        max_words=60,
        cues=(
            "this article",
            "this story",
            "this post",
            "this piece",
            "cet article",
            "dieser",
            "este",
        ),
    ),
    Rule(
        "note.funding",
        # who paid for the reporting: "Reporting for this story was supported by a grant."
        r"(?i)(?:(?:the\s+)?(?:reporting|research|travel|production)\s+for\s+this\s+(?:story"
        r"|article|piece|series|report)|this\s+(?:story|article|piece|series))\s+(?:was|is)\s+"
        r"(?:(?:partly|partially|in\s+part)\s+)?(?:supported|funded|made\s+possible|paid\s+for"
        r"|underwritten)\s+(?:in\s+part\s+)?(?:by|through|with|thanks\s+to)\b[^\n]{1,250}",
        "anywhere",
        ("Reporting for this story was supported by a local journalism grant.",),
        max_words=50,
        cues=("supported", "funded", "possible", "paid for", "underwritten"),
    ),
    Rule(
        "note.part_of",
        # the article saying which series or dossier it belongs to, in the languages of the
        # sets: "This article is part of Fold Futures, our series on ...", "Cet article fait
        # partie de notre dossier ...", "Dit artikel is onderdeel van de serie ..."; a series
        # word is needed ("This story is part of why the town voted no." is a sentence)
        r"(?i)(?:this\s+(?:article|story|piece|post|report|interview|episode|issue)\s+is\s+(?:part"
        r"|one)\s+of|cet\s+(?:article|épisode|entretien)\s+fait\s+partie\s+d|(?:dieser|diese|dieses)"
        r"\s+(?:beitrag|artikel|text|folge|interview)\s+ist\s+(?:teil|bestandteil)|este\s+(?:artículo"
        r"|reportaje|texto)\s+forma\s+parte\s+de|questo\s+(?:articolo|pezzo)\s+fa\s+parte\s+d"
        r"|dit\s+(?:artikel|stuk|verhaal)\s+(?:is|maakt)\s+(?:onderdeel|deel)\s+(?:van|uit\s+van))"
        r"(?=[^\n]{0,160}(?:series|serie|série|reihe|dossier|special|speciale|reeks|project"
        r"|schwerpunkt|collection))[^\n]{3,200}",
        "anywhere",
        (
            "This article is part of Fold Futures, our year-long series on the valley's towns.",
            "Cet article fait partie de notre dossier « Les villages du causse ».",
            "Dieser Beitrag ist Teil unserer Serie „Dörfer im Wandel“.",
            "Este artículo forma parte de la serie Pueblos que resisten.",
            "Questo articolo fa parte dello speciale Valle che cambia.",
            "Dit artikel is onderdeel van de serie Leven achter de dijk.",
        ),
        max_words=40,
        cues=("this", "cet ", "diese", "este", "questo", "dit "),
    ),
)
