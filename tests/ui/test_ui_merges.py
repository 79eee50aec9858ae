"""Issue 8, merges in the UI (TestClient, SQLite and PostgreSQL): the merge form is checked as the API's merge
is (sources of different types refused, 422, nothing merged), and a merge is undone from the source page's
history, which lists both."""
from __future__ import annotations

import re

import pytest

from app.store import repository
from tests.ui.ui_helpers import Said, store_article

pytestmark = pytest.mark.model  # the app holds the session's spaCy pipeline


def test_the_merge_form_refuses_sources_of_different_types(ui, sessionmaker):
    stored = store_article(sessionmaker, "the merge types hold", [Said("Helena Quist"), Said("Nordic Wire", "outlet")])
    person, outlet = stored.source_ids["Helena Quist"], stored.source_ids["Nordic Wire"]
    client = ui("analyst")
    response = client.post(f"/ui/sources/{person}/merge", data={"duplicate_id": outlet, "csrf_token": client.csrf},
                           headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 422, response.text
    assert "sources of different types do not merge" in response.text
    with sessionmaker() as session:
        assert repository.get_source(outlet, session=session).merged_into_id is None


def test_a_merge_is_undone_from_the_source_page(ui, sessionmaker):
    stored = store_article(sessionmaker, "the unmerge holds", [Said("Paul Ardent"), Said("P. Ardent")])
    target, duplicate = stored.source_ids["Paul Ardent"], stored.source_ids["P. Ardent"]
    client = ui("analyst")
    merged = client.post(f"/ui/sources/{target}/merge", data={"duplicate_id": duplicate, "csrf_token": client.csrf},
                         follow_redirects=False)
    assert merged.status_code == 303
    page = client.get(merged.headers["location"]).text
    assert "Merged “P. Ardent” into Paul Ardent" in page
    assert re.search(r"merged\s+<a href=\"/ui/sources/%d\">P. Ardent</a>" % duplicate, page)
    assert f'action="/ui/sources/{target}/unmerge"' in page
    assert 'action="/ui/sources/%d/unmerge"' % target not in ui("reader").get(f"/ui/sources/{target}").text

    unmerged = client.post(f"/ui/sources/{target}/unmerge",
                           data={"duplicate_id": duplicate, "csrf_token": client.csrf}, follow_redirects=False)
    assert unmerged.status_code == 303
    page = client.get(unmerged.headers["location"]).text
    assert "Unmerged “P. Ardent” from Paul Ardent" in page and "undone on" in page
    assert f'action="/ui/sources/{target}/unmerge"' not in page
    assert re.search(r"unmerged\s+<a href=\"/ui/sources/%d\">P. Ardent</a>" % duplicate, page)
    with sessionmaker() as session:
        assert repository.get_claim(stored.claim_ids[1], session=session).speaker_source_id == duplicate
    again = client.post(f"/ui/sources/{target}/unmerge", data={"duplicate_id": duplicate, "csrf_token": client.csrf},
                        headers={"Accept": "text/html"}, follow_redirects=False)
    assert again.status_code == 409 and "no merge to undo" in again.text
    # the duplicate's own page lists the merge and the unmerge too
    own = client.get(f"/ui/sources/{duplicate}").text
    assert own.count('class="history merge-history"') == 1 and "undone on" in own
