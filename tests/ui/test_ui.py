"""The review UI in a real browser (Debian's Chromium through Playwright): sign in, ingest, review with
the keyboard, correct, add a claim from a selection, source profile, relay graph; access and escaping;
code-point offsets with emoji; render and navigation times on a 700-word and a 20,000-word article."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.schemas.annotation import Annotation
from app.services.ingest import store_annotation
from app.store import repository
from app.store.models import Article, Claim, Source
from tests.ui.conftest import shoot, sign_in

pytestmark = pytest.mark.model
EXAMPLE = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[0]
MISSED = "Charges of domestic terrorism also carry a possible death penalty at the federal level."


def _claims(server, article_id: int) -> list[Claim]:
    with server.sessionmaker() as session:
        return list(session.scalars(select(Claim).where(Claim.article_id == article_id).order_by(Claim.position)))


def _history(server, claim_id: int):
    with server.sessionmaker() as session:
        return [(r.action, r.user.name, (r.before or {}).get("review_status"), (r.after or {}).get("review_status"))
                for r in repository.claim_history(claim_id, session=session)]


def _article_id(page) -> int:
    return int(re.search(r"/ui/articles/(\d+)", page.url).group(1))


def _idle(page) -> None:
    page.wait_for_function("window.whosaidReady === true")
    page.evaluate("() => window.whosaidIdle()")


def _select_text(page, needle: str) -> None:
    """Select `needle` in the article text as a person would with the mouse (a DOM Range over the
    segments' text nodes, which may span several segments)."""
    found = page.evaluate("""(needle) => {
        const box = document.getElementById('text');
        const nodes = [...box.querySelectorAll('[data-s]')].map(s => s.firstChild).filter(Boolean);
        const whole = nodes.map(n => n.data).join('');
        const at = whole.indexOf(needle);
        if (at < 0) return false;
        const locate = (pos) => { for (const n of nodes) { if (pos <= n.data.length) return [n, pos]; pos -= n.data.length; } };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + needle.length));
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return true;
    }""", needle)
    assert found, f"{needle!r} is not in the page's text"


def test_analyst_reviews_an_article(page, server):
    page.goto(f"{server.url}/ui/")
    assert page.url.endswith("/ui/login")
    shoot(page, "login")
    sign_in(page, server, "analyst")
    # ingest the example through the form, as an uploaded file
    page.set_input_files("#file", str(EXAMPLE))
    page.fill("input[name=publisher]", "Wikinews")
    page.fill("input[name=title]", "Gunman opens fire in El Paso")
    page.click("text=Annotate and store")
    page.wait_for_url(re.compile(r".*/ui/articles/\d+(#c\d+)?$"), timeout=60_000)
    _idle(page)
    article_id = _article_id(page)
    claims = _claims(server, article_id)
    assert len(claims) >= 5
    assert page.locator("#claims > .claim").count() == len(claims)
    # every claim's highlighted segments spell the claim's text
    for claim in claims[:5]:
        shown = page.evaluate(f"() => [...document.querySelectorAll('[data-c~=\"{claim.id}\"]')].map(s => s.textContent).join('')")
        assert shown == claim.text
    shoot(page, "article")

    # a, r, u, a: claim 1 accepted, claim 2 rejected then undone then accepted
    page.locator("#text").click(position={"x": 5, "y": 5})  # focus the page, not a form field
    page.keyboard.press("k")
    for key in "aru":
        page.keyboard.press(key)
    _idle(page)
    page.keyboard.press("a")
    _idle(page)
    c1, c2 = claims[0].id, claims[1].id
    expect_status = {c1: "accepted", c2: "accepted"}
    for claim in _claims(server, article_id):
        if claim.id in expect_status:
            assert claim.review_status == expect_status[claim.id]
    assert _history(server, c1) == [("accept", "ui-analyst", "unreviewed", "accepted")]
    assert _history(server, c2) == [("reject", "ui-analyst", "unreviewed", "rejected"),
                                    ("revert", "ui-analyst", "rejected", "unreviewed"),
                                    ("accept", "ui-analyst", "unreviewed", "accepted")]
    assert page.locator(f"#c{c2} .history > ol > li").count() == 3
    assert page.locator(f"#c{c2}").get_attribute("class").count("status-accepted") == 1
    # the third claim is now the current one
    third = claims[2]
    assert "current" in page.locator(f"#c{third.id}").get_attribute("class")

    # correct its speaker by type-ahead: 'Josh Bash' exists in the article's sources
    page.keyboard.press("e")
    page.locator("#ed-speaker").press_sequentially("Josh", delay=30)
    page.locator("#ed-speaker-list li", has_text="Josh Bash").first.wait_for()
    page.keyboard.press("Enter")
    assert page.locator("#ed-speaker-chosen").text_content() == "Josh Bash"
    shoot(page, "editor")
    with page.expect_navigation():  # a new speaker or claim re-renders the highlights
        page.click("#ed-save")
    _idle(page)
    with server.sessionmaker() as session:
        corrected = repository.get_claim(third.id, session=session)
        assert corrected.speaker.name == "Josh Bash"
        assert corrected.review_status == "corrected"
        last = repository.claim_history(third.id, session=session)[-1]
        assert last.action == "correct" and last.user.name == "ui-analyst"
        assert last.before["speaker"]["name"] != "Josh Bash" and last.after["speaker"]["name"] == "Josh Bash"
        bash_id = corrected.speaker.id
    history = page.locator(f"#c{third.id} .history")
    history.locator("summary").click()
    assert "Josh Bash" in history.text_content()

    # add the claim the engine missed by selecting its text
    _select_text(page, MISSED)
    page.keyboard.press("n")
    page.locator("#editor[open]").wait_for()
    page.select_option("#ed-kind", "indirect")
    with page.expect_navigation():  # a new speaker or claim re-renders the highlights
        page.click("#ed-save")
    _idle(page)
    with server.sessionmaker() as session:
        text = session.get_one(Article, article_id).text
        added = session.scalars(select(Claim).where(Claim.article_id == article_id, Claim.origin == "analyst")).one()
        assert added.text == MISSED == text[added.start:added.end]
        assert [r.action for r in repository.claim_history(added.id, session=session)] == ["create"]
    assert page.locator(f"#c{added.id}").count() == 1

    # the source profile, and the inbox's counts
    page.goto(f"{server.url}/ui/sources/{bash_id}")
    assert page.locator("h1").text_content().startswith("Josh Bash")
    assert page.locator(".plain-claims li").count() >= 2
    shoot(page, "source", full_page=True)
    # merge a duplicate into Josh Bash by type-ahead ('foreign minister' stands in for one)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#merge-q").press_sequentially("foreign min", delay=30)
    page.locator("#merge-list li", has_text="foreign minister").first.wait_for()
    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.click("#merge-submit")
    assert "Merged" in page.locator("p.ok").text_content()
    with server.sessionmaker() as session:
        duplicate = session.scalars(select(Source).where(Source.name == "foreign minister")).one()
        assert duplicate.merged_into_id == bash_id
    page.goto(f"{server.url}/ui/?publisher=Wikinews")
    row = page.locator("table.articles tbody tr").first
    assert "Gunman opens fire" in row.text_content()
    assert re.search(r"\b4/\d+", row.text_content())  # accepted, accepted, corrected, created
    shoot(page, "inbox")


def _relay_article(server) -> int:
    """An article with emoji and astral characters before its claims, and two-hop relays."""
    text = ("🇺🇦 Kyiv 😀 — 𝒜 brief. Dmitriev told Axios that talks were “constructive”. "
            "According to Reuters, 👍🏽 the sides met twice. Later, UNN wrote more.")
    c1 = text.index("talks were")
    e1 = text.index("”.") + 1
    c2 = text.index("the sides")
    e2 = text.index("twice") + len("twice")
    d = text.index("Dmitriev")
    ann = Annotation.model_validate({
        "text": text, "publisher": "UNN", "published": "2025-11-19", "title": "Emoji 😀 relay test",
        "claims": [
            {"id": "c1", "text": text[c1:e1], "start": c1, "end": e1, "kind": "mixed",
             "cue": {"text": "told", "start": text.index("told"), "end": text.index("told") + 4},
             "speaker": {"source": "s1", "text": "Dmitriev", "start": d, "end": d + 8}, "relay": ["s2", "s3"],
             "confidence": 0.9},
            {"id": "c2", "text": text[c2:e2], "start": c2, "end": e2, "kind": "according_to",
             "speaker": {"source": "s4", "text": "Reuters", "start": text.index("Reuters"),
                         "end": text.index("Reuters") + 7}, "relay": ["s4", "s3"], "confidence": 0.4}],
        "sources": [{"id": "s1", "name": "Kirill Dmitriev", "type": "person",
                     "descriptors": ["head of the Russian Direct Investment Fund"], "affiliation": "Russia"},
                    {"id": "s2", "name": "Axios", "type": "outlet"}, {"id": "s3", "name": "UNN", "type": "outlet"},
                    {"id": "s4", "name": "Reuters", "type": "outlet"}]})
    with server.sessionmaker() as session:
        article_id = store_annotation(session, ann, pipeline_version="tests").article.id
        session.commit()
    return article_id


def test_emoji_offsets_and_relay_graph(page, server):
    article_id = _relay_article(server)
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{article_id}")
    _idle(page)
    for claim in _claims(server, article_id):
        shown = page.evaluate(f"() => [...document.querySelectorAll('[data-c~=\"{claim.id}\"]')].map(s => s.textContent).join('')")
        assert shown == claim.text
    assert "Kirill Dmitriev → Axios → UNN" in " ".join(page.locator(".relay").first.text_content().split())
    shoot(page, "emoji")
    # a selection after flags, emoji with skin tone and a mathematical letter: code-point offsets
    _select_text(page, "UNN wrote more")
    page.keyboard.press("n")
    with page.expect_navigation():  # a new speaker or claim re-renders the highlights
        page.click("#ed-save")
    _idle(page)
    with server.sessionmaker() as session:
        text = session.get_one(Article, article_id).text
        added = session.scalars(select(Claim).where(Claim.article_id == article_id, Claim.origin == "analyst")).one()
        assert (added.start, added.end) == (text.index("UNN wrote"), text.index("UNN wrote") + len("UNN wrote more"))
        assert added.text == "UNN wrote more"

    page.goto(f"{server.url}/ui/outlets")
    assert page.locator("svg.graph a.edge").count() >= 1
    shoot(page, "outlets", full_page=True)
    page.locator("table.articles a", has_text="1").first.click()
    page.wait_for_url(re.compile(r".*edge_from=.*"))
    assert page.locator("#edge .plain-claims li a").count() >= 1
    shoot(page, "outlets-edge", full_page=True)
    # the date filter leaves the 2025 article out
    page.goto(f"{server.url}/ui/outlets?published_to=2020-01-01")
    assert page.locator("svg.graph").count() == 0


def test_article_text_cannot_run_script(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, server, "analyst")
    evil = ('<script>window.__xss = "script"</script> The minister said "<img src=x onerror=\'window.__xss=1\'>" '
            'was fine. " onmouseover="window.__xss=2" x=" \' onfocus=\'alert(3)\' autofocus \'"'
            ' According to <b>officials</b>, <svg onload=alert(4)></svg> nothing happened.')
    page.fill("#text", evil)
    page.fill("input[name=title]", '<img src=x onerror="alert(5)">"title')
    page.fill("input[name=publisher]", '"><script>alert(6)</script>')
    page.click("text=Annotate and store")
    page.wait_for_url(re.compile(r".*/ui/articles/\d+(#c\d+)?$"), timeout=60_000)
    _idle(page)
    page.mouse.move(300, 300)
    for seg in page.locator("#text [data-s]").all()[:20]:
        seg.hover()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#text img, #text script, #text svg, #text b").count() == 0
    assert page.locator("#text").text_content() == evil
    page.goto(f"{server.url}/ui/")
    assert page.evaluate("() => window.__xss") is None
    shoot(page, "xss")
    assert dialogs == []


def test_reader_sees_but_cannot_review(page, server):
    article_id = _relay_article_once(server)
    sign_in(page, server, "reader")
    assert page.locator("text=Add an article").count() == 0
    page.goto(f"{server.url}/ui/articles/{article_id}")
    _idle(page)
    assert page.locator("[data-act=accept]").count() == 0
    assert page.locator("#editor").count() == 0
    claim_id = _claims(server, article_id)[0].id
    before = _history(server, claim_id)
    page.keyboard.press("a")
    _idle(page)
    status = page.evaluate("""async (id) => {
        const csrf = document.querySelector('meta[name="csrf-token"]').content;
        const r = await fetch(`/ui/claims/${id}/review`, {method: 'POST', headers: {'Content-Type': 'application/json',
            'X-CSRF-Token': csrf}, body: JSON.stringify({action: 'accept'})});
        return r.status; }""", claim_id)
    assert status == 403
    assert _history(server, claim_id) == before
    shoot(page, "reader")


def test_changes_need_the_csrf_token(page, server):
    article_id = _relay_article_once(server)
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{article_id}")
    claim_id = _claims(server, article_id)[0].id
    status = page.evaluate("""async (id) => (await fetch(`/ui/claims/${id}/review`, {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': 'forged'},
        body: JSON.stringify({action: 'reject'})})).status""", claim_id)
    assert status == 403
    cookie = next(c for c in page.context.cookies() if c["name"] == "whosaid_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"



def test_create_source_and_undo_a_correction(page, server):
    """POST /ui/sources (repository.create_source): a named source is found again by its canonical key, an
    anonymous one belongs to the article; undoing a correction (repository.revert_review) puts the claim
    back, recorded as a "revert" review."""
    article_id = _relay_article_once(server)
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/ui/articles/{article_id}")
    post = """async ([path, body]) => {
        const token = document.querySelector('meta[name="csrf-token"]').content;
        const r = await fetch('/ui' + path, {method: 'POST', body: JSON.stringify(body),
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}});
        return [r.status, await r.json()]; }"""
    status, first = page.evaluate(post, ["/sources", {"name": "Olena  Zelenska", "type": "person",
                                                      "article_id": article_id}])
    assert status == 201 and (first["name"], first["type"]) == ("Olena Zelenska", "person")
    status, again = page.evaluate(post, ["/sources", {"name": "olena zelenska", "type": "person"}])
    assert status == 201 and again["id"] == first["id"]
    status, anonymous = page.evaluate(post, ["/sources", {"name": "a diplomat", "type": "anonymous",
                                                          "article_id": article_id}])
    assert status == 201 and anonymous["type"] == "anonymous"
    status, problem = page.evaluate(post, ["/sources", {"name": "a diplomat", "type": "anonymous"}])
    assert status == 422 and "article" in problem["detail"]

    claim = _claims(server, article_id)[0]
    status, corrected = page.evaluate(post, [f"/claims/{claim.id}/correct",
                                             {"set_speaker": True, "speaker_id": first["id"]}])
    assert status == 200
    status, undone = page.evaluate(post, [f"/reviews/{corrected['review_id']}/undo", {}])
    assert status == 200
    with server.sessionmaker() as session:
        history = repository.claim_history(claim.id, session=session)
        assert [r.action for r in history][-2:] == ["correct", "revert"] and history[-1].id == undone["review_id"]
        assert history[-1].after == history[-2].before
        assert repository.get_claim(claim.id, session=session).speaker_source_id == claim.speaker_source_id
    status, problem = page.evaluate(post, [f"/reviews/{corrected['review_id']}/undo", {}])
    assert status == 409


def _relay_article_once(server) -> int:
    with server.sessionmaker() as session:
        found = session.scalar(select(Article.id).where(Article.title == "Emoji 😀 relay test"))
    return found if found is not None else _relay_article(server)


def _long_article(server, nlp, words: int, title: str) -> int:
    """The example's annotation repeated (offsets shifted) up to `words` words, stored directly."""
    from app.nlp.pipeline import annotate

    base_text = EXAMPLE.read_text()
    base = annotate(base_text, publisher="Wikinews", nlp=nlp)
    copies = -(-words // len(base_text.split()))
    parts, claims, mentions = [], [], {s.id: [] for s in base.sources}
    offset = 0
    for n in range(copies):
        chunk = base_text if n == 0 else f"\n\n[{n}] " + base_text
        shift = offset + (len(chunk) - len(base_text))
        for c in base.claims:
            d = c.model_dump()
            d["id"] = f"c{len(claims) + 1}"
            for key in ("start", "end"):
                d[key] += shift
            for sub in ("cue", "speaker"):
                if d[sub] is not None:
                    d[sub]["start"] += shift
                    d[sub]["end"] += shift
            claims.append(d)
        for s in base.sources:
            mentions[s.id] += [{"text": m.text, "start": m.start + shift, "end": m.end + shift} for m in s.mentions]
        parts.append(chunk)
        offset += len(chunk)
    text = "".join(parts)
    sources = [{**s.model_dump(), "mentions": mentions[s.id]} for s in base.sources]
    ann = Annotation.model_validate({"text": text, "publisher": "Wikinews", "title": title, "claims": claims,
                                     "sources": sources})
    with server.sessionmaker() as session:
        article_id = store_annotation(session, ann, pipeline_version="tests").article.id
        session.commit()
    return article_id


@pytest.mark.parametrize("words", [700, 20_000])
def test_render_and_navigation_time(page, server, nlp, words):
    article_id = _long_article(server, nlp, words, f"Long article ({words} words)")
    with server.sessionmaker() as session:
        n_claims = len(_claims(server, article_id))
        n_words = len(session.get_one(Article, article_id).text.split())
    sign_in(page, server, "analyst")
    started = time.perf_counter()
    page.goto(f"{server.url}/ui/articles/{article_id}")
    page.wait_for_function("window.whosaidReady === true")
    first_render = time.perf_counter() - started
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
        return {server: Math.round(n.responseStart - n.requestStart), html: Math.round(n.responseEnd - n.requestStart),
                dom: Math.round(n.domContentLoadedEventEnd), paint: Math.round(paint ? paint.startTime : -1)}; }""")
    page.locator("#text").click(position={"x": 5, "y": 5})
    page.keyboard.press("k")
    _idle(page)
    started = time.perf_counter()
    for _ in range(50):
        page.keyboard.press("j")
    _idle(page)
    fifty_j = time.perf_counter() - started
    # the page's own cost of 50 j presses, without the test driver's round trips
    in_page = page.evaluate("""async () => {
        const t0 = performance.now();
        for (let i = 0; i < 50; i++) document.dispatchEvent(new KeyboardEvent('keydown', {key: 'k', bubbles: true}));
        await window.whosaidIdle();
        await new Promise(requestAnimationFrame);
        return performance.now() - t0; }""")
    page.evaluate("""async () => {
        for (let i = 0; i < 50; i++) document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));
        await window.whosaidIdle(); }""")
    current = page.locator(".claim.current").get_attribute("data-id")
    expected = _claims(server, article_id)[min(50, n_claims - 1)].id
    assert current == str(expected)
    print(f"\n[ui timing] {n_words} words, {n_claims} claims: first render {first_render * 1000:.0f} ms "
          f"(server {timing['server']} ms, page received {timing['html']} ms, DOM ready {timing['dom']} ms, "
          f"first contentful paint {timing['paint']} ms), 50 j presses {fifty_j * 1000:.0f} ms through Playwright "
          f"({fifty_j * 20:.1f} ms each), 50 k presses in the page {in_page:.0f} ms")
    shoot(page, f"long-{words}")
    assert first_render < 10
    assert fifty_j < 10
