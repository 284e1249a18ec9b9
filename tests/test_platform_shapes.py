"""Whole-page shapes of common publishing platforms: the body comes out exactly, facts lifted.

The pages are written here (no platform's text is copied) in the shapes these platforms leave
after an HTML-to-text step: a blog engine, a newsletter platform, a wire service, a daily,
a paywalled daily and a broadcaster.
"""

from __future__ import annotations

import pytest

from cleancorpus import clean

BODY = (
    "Farmers in the valley began the barley harvest two weeks early this year after an "
    "unusually warm spring.\n\n"
    "Yields look strong, according to the regional growers' association, which expects about "
    "4.1 tonnes per hectare.\n\n"
    "Prices, however, have fallen by nearly a fifth since January, squeezing margins for "
    "smaller farms."
)

PAGES = {
    "blog": (
        "Skip to content\n\nMenu\n\nValley Gazette\n\nBarley harvest starts early in the valley\n\n"
        "Posted on July 12, 2023 by Anna Berg\n\n",
        "\n\nThis entry was posted in Farming and tagged barley, prices. Bookmark the permalink."
        "\n\n← Previous Post\nNext Post →\n\nShare this:\n\n- Twitter\n- Facebook\n\n"
        "Like Loading...\n\n"
        "Related\n\nAbout the Author\n\nAnna Berg covers farming for the Gazette. She grew up on a "
        "dairy farm.\n\nSubscribe to Blog via Email\n\nEnter your email address to subscribe to "
        "this blog and receive notifications of new posts by email.\n\nLeave a Reply Cancel reply"
        "\n\nYour email address will not be published. Required fields are marked *",
        {
            "site": "Valley Gazette",
            "title": "Barley harvest starts early in the valley",
            "date": "2023-07-12",
        },
    ),
    "newsletter": (
        "Valley Ledger\n\nSubscribe\n\nSign in\n\nShare this post\n\nBarley harvest starts early"
        "\n\nPrices fall as yields rise\n\nAnna Berg\nJul 12, 2023\n\n∙ Paid\n\n",
        "\n\nThanks for reading Valley Ledger! Subscribe for free to receive new posts and support "
        "my work.\n\nShare\n\nLeave a comment\n\nDiscussion about this post\n\nComments\nRestacks"
        "\n\nReady for more?\n\n© 2023 Anna Berg\nPrivacy ∙ Terms ∙ Collection notice\n"
        "Start writing\nGet the app",
        {"site": "Valley Ledger", "title": "Barley harvest starts early", "date": "2023-07-12"},
    ),
    "wire": (
        "WORLD NEWS\nJULY 12, 2023 / 9:14 AM / UPDATED 2 HOURS AGO\n\n"
        "Barley harvest starts early in the valley\n\nBy Anna Berg\n3 Min Read\n\n",
        "\n\nReporting by Anna Berg; Editing by Tom Hale\n\nOur Standards: The Trust Principles."
        "\n\nMore from Newswire\n\nMarkets slide as oil climbs\nRates decision looms",
        {
            "title": "Barley harvest starts early in the valley",
            "author": "Anna Berg",
            "date": "2023-07-12",
        },
    ),
    "daily": (
        "Home | News | Farming\n\nBarley harvest starts early\nGrowers expect strong yields but "
        "weak prices\n\nAnna Berg, Agriculture Correspondent\nWed 12 Jul 2023 09.14 BST\n"
        "Last modified on Wed 12 Jul 2023 11.02 BST\n\n",
        "\n\nExplore more on these topics\nFarming\nAgriculture\nFood prices\n\nShare\n"
        "Reuse this content\n\nMost viewed\nHeatwave warning issued\nRail strike called off",
        {"title": "Barley harvest starts early", "date": "2023-07-12"},
    ),
    "paywalled": (
        "Skip Advertisement\n\nSupported by\n\nBarley harvest starts early\n\n"
        "Listen to this article · 4:12 min\n\nCopy link\n\nGift this article\n\n",
        "\n\nAdvertisement - Continue Reading Below\n\nYou have 3 free articles left this month. "
        "Subscribe to continue reading.\n\nWe use cookies to improve your experience. By "
        "continuing to browse, you agree to our use of cookies.\n\nAccept all cookies\n\n"
        "Manage preferences",
        {"title": "Barley harvest starts early"},
    ),
    "broadcaster": (
        "Barley harvest starts early\n\nPublished 2 hours ago\n\nImage source, Getty Images\n\n"
        "Image caption, Combines on the valley floor at dawn\n\n",
        "\n\nRelated Topics\n\nFarming\nFood prices\n\nMore on this story\n\n"
        "Growers fear a wet August\nPublished 3 March\n\nTop Stories\n\n"
        "Storm warning for the coast",
        {"title": "Barley harvest starts early"},
    ),
}


@pytest.mark.parametrize("platform", sorted(PAGES))
def test_platform_page_keeps_exactly_the_body(platform: str) -> None:
    head, tail, facts = PAGES[platform]
    result = clean(head + BODY + tail)
    assert result.text == BODY
    for key, value in facts.items():
        assert result.metadata.get(key) == value, key
