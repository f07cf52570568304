"""The explorer in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright
over a server on 127.0.0.1, on a corpus ingested from the shared examples. Screenshots go to
``test-output/serve/`` (not committed)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "serve"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(ingested_db: Path) -> Iterator[str]:
    import uvicorn

    from dateline.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(ingested_db), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the explorer did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = "no /usr/bin/chromium: `apt-get install chromium` (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, not skip them
        pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.requests_outside = []  # every request must stay on the explorer's own server
    page.dialogs = []  # an alert() would mean injected script ran
    page.on(
        "request",
        lambda r: None if r.url.startswith(server) else page.requests_outside.append(r.url),
    )
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    assert page.requests_outside == []
    assert page.dialogs == []
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_home_search_article_actor_and_map(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.title().startswith("Overview")
    assert page.locator("p.counts").inner_text().startswith("3 articles")
    shot(page, "home")

    page.fill("header input[name=q]", "Putin")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Putin")
    assert page.locator("h1").inner_text() == "Search: \u201cPutin\u201d"
    page.locator("section:has(h2:has-text('Articles')) li a").first.click()
    page.wait_for_url("**/articles/*")

    speakers = page.locator("mark.ann.speaker[data-quote]")
    assert speakers.count() > 0
    assert any(
        "Putin" in (speakers.nth(i).get_attribute("title") or "") for i in range(speakers.count())
    )
    quote = page.locator("mark.ann.quote").first
    assert quote.is_visible() and "\u2014 Vladimir Putin" in quote.inner_text()
    events = page.locator("mark.ann.event[data-href]")
    assert events.count() > 0 and events.first.is_visible()
    colour = events.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # visibly highlighted
    assert page.locator("aside.facts").get_by_text("CONSULT").count() > 0
    shot(page, "article")

    events.first.locator(":scope > a.label").click()
    page.wait_for_url("**/events/*")
    assert page.locator("tr.mention").count() >= 1
    shot(page, "event")
    page.go_back()

    putin = page.locator("div.body mark.ann.speaker[data-quote][title^='Vladimir Putin']").first
    putin.locator(":scope > a.label").click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    assert page.locator("figure.chart path.layer").count() > 0
    assert page.locator("table.partners tbody tr").first.inner_text() != ""
    shot(page, "actor")

    page.goto(server + "/map")
    world = page.locator("svg#world")
    assert world.is_visible() and page.locator("svg#world circle").count() > 0
    loaded = page.evaluate("fetch('/static/world-110m.svg').then(r => r.status)")
    assert loaded == 200
    shot(page, "map")

    page.goto(server + "/timeline")
    assert page.locator("figure.chart path.layer").count() > 0
    shot(page, "timeline")
    for name in ("home", "article", "event", "actor", "map", "timeline"):
        assert (SHOTS / f"{name}.png").stat().st_size > 10_000


def test_markup_in_articles_stays_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/articles?q=drought")
    link = page.locator("table.list tbody a").first
    assert link.inner_text().startswith("<script>alert(1)</script>")
    link.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1.headline").inner_text().startswith("<script>alert(1)</script>")
    assert "<img src=x onerror=alert(2)>" in page.locator("div.body").inner_text()
    assert page.locator("div.body img").count() == 0
    page.wait_for_timeout(300)  # an injected handler would have fired by now
    shot(page, "hostile-article")


def test_filters_live_in_the_url(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/events")
    page.select_option("form.filters select[name=type]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?type=CONSULT*")
    assert "role=" in page.url and "q=" not in page.url  # empty fields are left out
    types = page.locator("table.list a.etype").all_inner_texts()
    assert types and all("CONSULT" in t for t in types)
    shared = page.url
    page.goto(shared)
    assert page.locator("select[name=type]").input_value() == "CONSULT"
