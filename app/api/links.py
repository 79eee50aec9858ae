"""OpenAPI links: how a response's values feed the next request (an article's id to GET it, its first
claim's id to review it, ...). They document the API's workflows and let a fuzzer (schemathesis's
stateful phase) chain real requests instead of guessing ids.

LINKS lists (operation, status, link name, target operation, target parameters); operations are
"METHOD /path", parameters map a target parameter to a runtime expression on the response
(`$response.body#/id`, a JSON pointer into the body).
"""
from __future__ import annotations

from typing import Any

ARTICLE = "/v1/articles/{article_id}"
CLAIM = "/v1/claims/{claim_id}"
SOURCE = "/v1/sources/{source_id}"

_article_links = [
    ("GetArticle", f"GET {ARTICLE}", {"article_id": "$response.body#/id"}),
    ("DeleteArticle", f"DELETE {ARTICLE}", {"article_id": "$response.body#/id"}),
    ("ListItsClaims", "GET /v1/claims", {"article_id": "$response.body#/id"}),
    ("GetFirstClaim", f"GET {CLAIM}", {"claim_id": "$response.body#/claims/0/id"}),
    ("CorrectFirstClaim", f"PATCH {CLAIM}", {"claim_id": "$response.body#/claims/0/id"}),
    ("ReviewFirstClaim", f"POST {CLAIM}/review", {"claim_id": "$response.body#/claims/0/id"}),
    ("FirstClaimHistory", f"GET {CLAIM}/history", {"claim_id": "$response.body#/claims/0/id"}),
    ("GetFirstSource", f"GET {SOURCE}", {"source_id": "$response.body#/sources/0/id"}),
    ("MergeIntoFirstSource", f"POST {SOURCE}/merge", {"source_id": "$response.body#/sources/0/id"}),
]
_claim_links = [
    ("GetClaim", f"GET {CLAIM}", {"claim_id": "$response.body#/id"}),
    ("CorrectClaim", f"PATCH {CLAIM}", {"claim_id": "$response.body#/id"}),
    ("ReviewClaim", f"POST {CLAIM}/review", {"claim_id": "$response.body#/id"}),
    ("ClaimHistory", f"GET {CLAIM}/history", {"claim_id": "$response.body#/id"}),
    ("GetSpeaker", f"GET {SOURCE}", {"source_id": "$response.body#/speaker/id"}),
    ("GetArticle", f"GET {ARTICLE}", {"article_id": "$response.body#/article/id"}),
]
_source_links = [
    ("GetSource", f"GET {SOURCE}", {"source_id": "$response.body#/id"}),
    ("MergeIntoSource", f"POST {SOURCE}/merge", {"source_id": "$response.body#/id"}),
    ("ClaimsBySource", "GET /v1/claims", {"speaker": "$response.body#/id"}),
]
_first_item = {
    "GET /v1/articles": [("GetFirstArticle", f"GET {ARTICLE}", {"article_id": "$response.body#/items/0/id"})],
    "GET /v1/claims": [("GetFirstClaim", f"GET {CLAIM}", {"claim_id": "$response.body#/items/0/id"}),
                       ("ReviewFirstClaim", f"POST {CLAIM}/review", {"claim_id": "$response.body#/items/0/id"})],
    "GET /v1/sources": [("GetFirstSource", f"GET {SOURCE}", {"source_id": "$response.body#/items/0/id"})],
}

LINKS: list[tuple[str, str, str, str, dict[str, str]]] = [
    *[("POST /v1/articles", status, *link) for status in ("200", "201") for link in _article_links],
    *[(f"GET {ARTICLE}", "200", *link) for link in _article_links if link[0] != "GetArticle"],
    *[(f"{op} {CLAIM}", "200", *link) for op in ("GET", "PATCH") for link in _claim_links],
    (f"POST {CLAIM}/review", "201", "ClaimHistory", f"GET {CLAIM}/history", {"claim_id": "$response.body#/claim_id"}),
    (f"POST {CLAIM}/review", "201", "GetClaim", f"GET {CLAIM}", {"claim_id": "$response.body#/claim_id"}),
    *[(f"GET {SOURCE}", "200", *link) for link in _source_links if link[0] != "GetSource"],
    (f"POST {SOURCE}/merge", "200", "GetTarget", f"GET {SOURCE}", {"source_id": "$response.body#/target_id"}),
    (f"POST {SOURCE}/merge", "200", "GetDuplicate", f"GET {SOURCE}", {"source_id": "$response.body#/duplicate_id"}),
    *[(op, "200", *link) for op, links in _first_item.items() for link in links],
    ("POST /v1/keys", "201", "RevokeKey", "DELETE /v1/keys/{key_id}", {"key_id": "$response.body#/id"}),
]


def add_links(schema: dict[str, Any]) -> None:
    """Put LINKS into an OpenAPI document (FastAPI's), by the operations' operationIds."""
    paths = schema["paths"]

    def operation(label: str) -> dict[str, Any]:
        method, path = label.split(" ", 1)
        return paths[path][method.lower()]

    for source, status, name, target, parameters in LINKS:
        response = operation(source)["responses"][status]
        response.setdefault("links", {})[name] = {"operationId": operation(target)["operationId"],
                                                  "parameters": parameters}
